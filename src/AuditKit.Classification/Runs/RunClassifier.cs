using AuditKit.Classification.Judging;
using AuditKit.Classification.Signals;
using AuditKit.Core.Attempts;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Runs;

/// <summary>
/// Classifies a stored run: a verdict and signals for every attempt, from the snapshot alone (its stored probes give the
/// facts and markers, so no suite file is read), and optionally a judge's second opinion on every answer or a seeded
/// sample of them. Persisting is the caller's: this class sees no store and writes nothing.
/// </summary>
public sealed class RunClassifier(IAnswerClassifier classifier, SignalExtractor signals)
{
    /// <summary>Answers per call to the classifier: large enough to batch well, small enough to report progress.</summary>
    public const int BatchSize = 256;

    /// <summary>The seed of the judge's sample: the same run and sample size always judge the same answers, so a rerun resumes.</summary>
    public const int JudgeSampleSeed = 20250101;

    /// <summary>
    /// Classifies every attempt, reading the answers one batch at a time (from the store, when the snapshot deferred
    /// its texts), so that memory holds the labels of a large run but never all of its answers.
    /// </summary>
    /// <param name="classified">Told the number of attempts classified so far after each batch.</param>
    public IReadOnlyList<ClassifiedResult> Classify(RunSnapshot run, IProgress<int> classified)
    {
        var reasoningModels = ReasoningModels(run);
        var results = new List<ClassifiedResult>(run.Attempts.Count);
        // Most answers to one probe find the same facts and markers: equal signals share one object, which keeps a
        // million results within memory. Past 100,000 distinct ones (answers that all differ) the table stops growing.
        var shared = new Dictionary<AttemptSignals, AttemptSignals>(SameSignals.Instance);
        var batch = new List<Attempt>(BatchSize);
        foreach (var a in run.WithTexts())
        {
            batch.Add(a.Attempt);
            if (batch.Count == BatchSize) ClassifyBatch();
        }
        if (batch.Count > 0) ClassifyBatch();
        return results;

        void ClassifyBatch()
        {
            var verdicts = classifier.Classify([.. batch.Select(InputFor)]);
            for (int i = 0; i < batch.Count; i++)
            {
                var a = batch[i];
                var found = signals.Extract(run.Probes.GetValueOrDefault(a.Key.ProbeId), a.Key.Language, a.Reasoning, a.Response, reasoningModels.Contains(a.Key.Model));
                if (shared.TryGetValue(found, out var same)) found = same;
                else if (shared.Count < 100_000) shared.Add(found, found);
                results.Add(new ClassifiedResult(a.Key, verdicts[i], found));
            }
            batch.Clear();
            classified.Report(results.Count);
        }
    }

    /// <summary>
    /// What the classifier and the judge see. A failed attempt, or one a provider's filter blocked or replaced, holds
    /// no answer of the model's: both see an empty answer, which they label ERROR and which no rate counts.
    /// </summary>
    public static ClassifierInput InputFor(Attempt attempt) =>
        new(attempt.Prompt, attempt.Succeeded && attempt.Moderation is null ? attempt.Response : "", attempt.Key.Language);

    /// <summary>
    /// Models expected to print a reasoning trace, so that a missing one means suppressed thought: those run with an
    /// R1-style template, and those that returned a trace at least once. Decided per model, since an import mixes
    /// reasoning models with others, and a model that never reasons has no thoughts to suppress.
    /// </summary>
    public static IReadOnlySet<string> ReasoningModels(RunSnapshot run)
    {
        var models = run.WithTexts().Where(a => !string.IsNullOrWhiteSpace(a.Attempt.Reasoning)).Select(a => a.Attempt.Key.Model).ToHashSet(StringComparer.Ordinal);
        if (run.Manifest.Model.ChatTemplateFamily == "deepseek-r1")
            models.UnionWith(run.Attempts.Select(a => a.Attempt.Key.Model));
        return models;
    }

    /// <summary>
    /// The answers a judge pass covers: every attempt the classifier could label, or a seeded uniform sample of
    /// <paramref name="sample"/> of them. Uniform, so that the judge's labels can serve as gold for corrected rates.
    /// </summary>
    public static IReadOnlyList<int> JudgeCandidates(IReadOnlyList<ClassifiedResult> results, int? sample)
    {
        var candidates = Enumerable.Range(0, results.Count).Where(i => results[i].Verdict.Compliance != ComplianceLabel.Error).ToArray();
        if (sample is { } n && n < candidates.Length)
        {
            new Random(JudgeSampleSeed).Shuffle(candidates);
            candidates = [.. candidates[..n].Order()];
        }
        return candidates;
    }

    /// <summary>
    /// Asks <paramref name="judge"/> about every candidate not already judged (a stored verdict without a request
    /// error), handing each verdict to <paramref name="arrived"/> as it comes. Returns every candidate's verdict, the
    /// stored ones included, in candidate order: what the agreement is computed over.
    /// </summary>
    public static async Task<IReadOnlyList<(AttemptKey Key, JudgeVerdict Verdict)>> JudgeAsync(
        RunSnapshot run, IReadOnlyList<ClassifiedResult> results, IReadOnlyList<int> candidates, LlmJudge judge,
        IReadOnlyDictionary<AttemptKey, JudgeVerdict> alreadyJudged, int parallel,
        IProgress<int> judged, Action<AttemptKey, JudgeVerdict> arrived, CancellationToken cancellationToken)
    {
        var toAsk = StillToAsk(results, candidates, alreadyJudged);
        var asked = await judge.JudgeAsync(InputsOf(run, toAsk), parallel, judged,
            (k, verdict) => arrived(results[toAsk[k]].Key, verdict), cancellationToken).ConfigureAwait(false);
        var fresh = toAsk.Select((i, k) => (i, asked[k])).ToDictionary(p => p.i, p => p.Item2);
        return [.. candidates.Select(i => (results[i].Key, fresh.TryGetValue(i, out var v) ? v : alreadyJudged[results[i].Key]))];
    }

    /// <summary>What the judge sees of the attempts at <paramref name="indices"/> (ascending), read in one pass over the run's answers.</summary>
    private static List<ClassifierInput> InputsOf(RunSnapshot run, int[] indices)
    {
        var inputs = new List<ClassifierInput>(indices.Length);
        int i = 0;
        foreach (var a in run.WithTexts())
        {
            if (inputs.Count == indices.Length) break;
            if (indices[inputs.Count] == i) inputs.Add(InputFor(a.Attempt));
            i++;
        }
        return inputs;
    }

    /// <summary>Signals equal in every list, element by element (the record's own equality compares the lists' references).</summary>
    private sealed class SameSignals : IEqualityComparer<AttemptSignals>
    {
        public static readonly SameSignals Instance = new();

        public bool Equals(AttemptSignals? x, AttemptSignals? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && x.ThoughtSuppressed == y.ThoughtSuppressed
            && x.FactsExpected.SequenceEqual(y.FactsExpected) && x.FactsInAnswer.SequenceEqual(y.FactsInAnswer)
            && x.FactsOnlyInReasoning.SequenceEqual(y.FactsOnlyInReasoning) && x.MarkersFound.SequenceEqual(y.MarkersFound);

        public int GetHashCode(AttemptSignals s)
        {
            var hash = new HashCode();
            hash.Add(s.ThoughtSuppressed);
            foreach (var list in new[] { s.FactsExpected, s.FactsInAnswer, s.FactsOnlyInReasoning, s.MarkersFound })
            {
                hash.Add(list.Count);
                foreach (var id in list) hash.Add(id, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }

    /// <summary>The candidates with no stored verdict, or only a failed request: what a (re)run of the judge asks.</summary>
    public static int[] StillToAsk(IReadOnlyList<ClassifiedResult> results, IReadOnlyList<int> candidates, IReadOnlyDictionary<AttemptKey, JudgeVerdict> alreadyJudged) =>
        [.. candidates.Where(i => !alreadyJudged.TryGetValue(results[i].Key, out var v) || IsFailedRequest(v))];

    /// <summary>A request that failed (server error, timeout): asked again on the next pass. An unreadable reply is an answer, not a failure.</summary>
    public static bool IsFailedRequest(JudgeVerdict verdict) => verdict.Error is not null && verdict.Error != LlmJudge.EmptyAnswer;
}
