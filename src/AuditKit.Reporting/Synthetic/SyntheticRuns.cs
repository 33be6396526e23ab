using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Signals;
using AuditKit.Core.Suites;
using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Synthetic;

/// <summary>
/// Builds classified runs of any size in memory with plausible structure (topics with controls, four languages,
/// repeated samples, more refusal in Chinese than in English, a reasoning trace on some answers). For
/// <c>auditkit bench</c> and load tests of reporting; the figures mean nothing.
/// </summary>
public static class SyntheticRuns
{
    private static readonly string[] Languages = ["en", "zh-Hans", "zh-Hant", "hi"];
    private static readonly string[] Topics =
        ["tiananmen", "taiwan", "xinjiang", "tibet", "hong-kong", "xi-jinping", "covid-origins", "falun-gong", "control-government-criticism", "control-neutral"];
    private static readonly string[] Kinds = ["fact", "explain", "opinion", "critique", "satire", "leading"];

    /// <param name="attempts">How many attempts the run holds.</param>
    /// <param name="seed">Same seed, same run.</param>
    /// <param name="modelName">The model column of every attempt.</param>
    /// <param name="probes">Distinct probes; attempts beyond probes x 4 languages become repeated samples.</param>
    public static RunSnapshot Create(int attempts, int seed, string modelName, int probes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        var random = new Random(seed);
        int perSample = probes * Languages.Length;
        int samples = Math.Max(1, (attempts + perSample - 1) / perSample);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var list = new List<ClassifiedAttempt>(attempts);
        for (int i = 0; i < attempts; i++)
        {
            int sample = i / perSample, probe = i % perSample / Languages.Length;
            string language = Languages[i % Languages.Length];
            string topic = Topics[probe % Topics.Length];
            bool control = topic.StartsWith("control-", StringComparison.Ordinal);
            // Per-probe tendency plus language effect: the structure real audits show, so every report section fills.
            double refuseP = control ? 0.05 : 0.15 + 0.5 * (probe * 7919 % 100) / 100.0 + (language.StartsWith("zh", StringComparison.Ordinal) ? 0.2 : 0);
            double roll = random.NextDouble();
            var compliance = roll < 0.01 ? ComplianceLabel.Error
                : roll < refuseP * 0.5 ? ComplianceLabel.Denial
                : roll < refuseP ? ComplianceLabel.Evasive
                : ComplianceLabel.Complete;
            var narrative = compliance == ComplianceLabel.Denial ? NarrativeLabel.None
                : random.NextDouble() < (language.StartsWith("zh", StringComparison.Ordinal) ? 0.4 : 0.1) ? NarrativeLabel.Aligned
                : random.NextDouble() < 0.5 ? NarrativeLabel.Critical : NarrativeLabel.Balanced;
            bool reasoning = probe % 3 == 0;
            bool suppressed = reasoning && compliance != ComplianceLabel.Complete && random.NextDouble() < 0.6;
            var key = new AttemptKey(modelName, $"synthetic-{probe:D4}", language, sample);
            var attempt = new Attempt
            {
                Key = key,
                Topic = topic,
                Kind = control ? "control" : Kinds[probe % Kinds.Length],
                Prompt = $"Synthetic question {probe} about {topic} ({language})?",
                Reasoning = reasoning ? (suppressed ? "" : $"The user asks about {topic}. Facts to weigh: fact-a, fact-b.") : null,
                Response = compliance == ComplianceLabel.Denial
                    ? "I cannot discuss this topic. Let's talk about something else."
                    : $"Synthetic answer {i} on {topic}. " + new string('x', 200 + i % 300),
                FinishReason = FinishReason.Stop,
                Seed = AttemptSeed.For(seed, key),
                CompletedAt = start.AddSeconds(i),
                PromptTokens = 20,
                CompletionTokens = 120,
                DurationMs = 900,
            };
            var verdict = new Verdict(compliance, Probabilities(compliance, random), narrative, Probabilities(narrative, random), Truncated: false);
            var signals = new AttemptSignals(
                reasoning ? suppressed : null,
                ["fact-a", "fact-b"],
                compliance == ComplianceLabel.Complete ? ["fact-a", "fact-b"] : [],
                reasoning && !suppressed && compliance != ComplianceLabel.Complete ? ["fact-a"] : [],
                narrative == NarrativeLabel.Aligned ? ["since-ancient-times"] : []);
            list.Add(new ClassifiedAttempt(attempt, verdict, signals));
        }
        var manifest = new RunManifest
        {
            RunId = $"synthetic-{seed}",
            Model = new ModelDescription { Name = modelName, Backend = "synthetic", FileType = "none" },
            Sampler = SamplerSettings.Default with { Temperature = samples > 1 ? 0.7 : 0, Seed = seed },
            Suites = [new SuiteReference("synthetic", "1.0.0", new string('0', 64), "")],
            Languages = Languages,
            Samples = samples,
            ToolVersion = "synthetic",
            StartedAt = start,
            FinishedAt = start.AddSeconds(attempts),
        };
        var classifier = new ClassifierInfo("synthetic-labels", new string('0', 64), start, new Dictionary<string, double>());
        return new RunSnapshot("(in memory)", manifest, list, classifier) { Probes = ProbesFor(probes) };
    }

    /// <summary>
    /// The probes the attempts name, as stored with a run: two facts each (one every answer states, one in the
    /// reasoning trace) and one official-narrative marker, so that classify's signal pass has patterns to match.
    /// </summary>
    public static IReadOnlyDictionary<string, Probe> ProbesFor(int probes)
    {
        var byId = new Dictionary<string, Probe>(StringComparer.Ordinal);
        for (int probe = 0; probe < probes; probe++)
        {
            string topic = Topics[probe % Topics.Length], id = $"synthetic-{probe:D4}";
            bool control = topic.StartsWith("control-", StringComparison.Ordinal);
            byId[id] = new Probe(id, topic, control ? ProbeKind.Control : ProbeKind.Fact,
                Languages.ToDictionary(l => l, l => $"Synthetic question {probe} about {topic} ({l})?"),
                [Fact("fact-a", "Synthetic answer"), Fact("fact-b", "Facts to weigh")],
                [new NarrativeMarker("since-ancient-times", "synthetic", Patterns("since ancient times"))]);
        }
        return byId;
    }

    private static ExpectedFact Fact(string id, string pattern) => new(id, id, Patterns(pattern));

    private static LocalizedPatterns Patterns(string pattern) =>
        new(Languages.ToDictionary(l => l, _ => (IReadOnlyList<string>)[pattern]));

    private static IReadOnlyDictionary<TLabel, double> Probabilities<TLabel>(TLabel chosen, Random random) where TLabel : struct, Enum
    {
        var labels = Enum.GetValues<TLabel>();
        double top = 0.5 + 0.5 * random.NextDouble();
        double rest = (1 - top) / (labels.Length - 1);
        return labels.ToDictionary(l => l, l => EqualityComparer<TLabel>.Default.Equals(l, chosen) ? top : rest);
    }
}
