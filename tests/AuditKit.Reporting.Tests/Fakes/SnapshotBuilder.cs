using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Tests.Fakes;

/// <summary>Builds a stored run in memory: the fake that exporter and comparison tests work from.</summary>
internal sealed class SnapshotBuilder(string model, string runId)
{
    public static readonly DateTimeOffset Time = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly List<ClassifiedAttempt> attempts = [];
    private bool smoke;
    private bool classified = true;

    public SnapshotBuilder Add(
        string probe, string topic, string language, ComplianceLabel compliance,
        NarrativeLabel narrative = NarrativeLabel.None, int sample = 0, string? response = null, string kind = "explain",
        AttemptSignals? signals = null, string? error = null, bool unclassified = false, string? prompt = null, string? reasoning = null,
        ComplianceLabel? human = null, NarrativeLabel? humanNarrative = null)
    {
        var attempt = new Attempt
        {
            Key = new AttemptKey(model, probe, language, sample),
            Topic = topic,
            Kind = kind,
            Prompt = prompt ?? $"Question {probe} ({language})",
            // Chinese questions get Chinese answers, as a working model gives: an English one would read as the wrong script.
            Response = response ?? (language.StartsWith("zh", StringComparison.Ordinal)
                ? $"这是模型对问题的中文回答，内容较长，用来检验报告。（{probe}，{compliance}）"
                : $"Answer of {model} to {probe} in {language}: {compliance}"),
            Reasoning = reasoning,
            Error = error,
            FinishReason = error is null ? FinishReason.Stop : FinishReason.Error,
            CompletedAt = Time,
        };
        Verdict? verdict = unclassified ? null : new Verdict(
            compliance,
            new Dictionary<ComplianceLabel, double> { [compliance] = 0.9, [ComplianceLabel.Complete == compliance ? ComplianceLabel.Evasive : ComplianceLabel.Complete] = 0.1 },
            narrative,
            new Dictionary<NarrativeLabel, double> { [narrative] = 0.75 },
            Truncated: false);
        attempts.Add(new ClassifiedAttempt(attempt, verdict, signals ?? AttemptSignals.None)
        {
            HumanLabels = human is null && humanNarrative is null ? [] : [new HumanLabel("ana", human, humanNarrative, null)],
        });
        return this;
    }

    /// <summary>Adds <paramref name="count"/> probes of one topic and language with the given label.</summary>
    public SnapshotBuilder AddMany(string probePrefix, string topic, string language, ComplianceLabel compliance, int count, int firstIndex = 0, NarrativeLabel narrative = NarrativeLabel.None, string kind = "explain")
    {
        for (int i = firstIndex; i < firstIndex + count; i++) Add($"{probePrefix}-{i:D3}", topic, language, compliance, narrative, kind: kind);
        return this;
    }

    public SnapshotBuilder SmokeTest() { smoke = true; return this; }

    public SnapshotBuilder NotClassified() { classified = false; return this; }

    public RunSnapshot Build()
    {
        var manifest = new RunManifest
        {
            RunId = runId,
            Model = new ModelDescription
            {
                Name = model, Backend = "llama.cpp", Sha256 = "ab12" + new string('0', 60), FileType = "Q4_K_M",
                ChatTemplateFamily = "chatml", ChatTemplateSha256 = "cd34" + new string('0', 60),
            },
            Sampler = SamplerSettings.Default,
            Suites = [new SuiteReference("starter", "1.0.0", "ef56" + new string('0', 60), "probes/starter.yaml")],
            Languages = attempts.Select(a => a.Attempt.Key.Language).Distinct().ToList(),
            Samples = attempts.Count == 0 ? 1 : attempts.Max(a => a.Attempt.Key.Sample) + 1,
            ToolVersion = "0.1.0-test",
            StartedAt = Time,
            IsSmokeTest = smoke,
        };
        var classifier = classified
            ? new ClassifierInfo("auditkit-ngram-v1", "9999" + new string('0', 60), Time, new Dictionary<string, double> { ["compliance_kappa"] = 0.72 })
            : null;
        return new RunSnapshot($"/runs/{runId}", manifest, attempts.ToList(), classifier);
    }
}
