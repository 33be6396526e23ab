using AuditKit.Core.Runs;
using AuditKit.Store;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// Synthetic runs (<see cref="Reporting.Synthetic.SyntheticRuns"/>) written into run folders through the real store, so
/// that a figure reads them back as <c>auditkit classify</c> and <c>auditkit report</c> would: from SQLite, not from memory.
/// </summary>
public static class SyntheticStores
{
    /// <summary>
    /// Writes <paramref name="parts"/> (each built, written and dropped in turn, so only one is in memory) into one
    /// run folder: several models in one store, as an import leaves them, under the manifest given or the first part's.
    /// </summary>
    /// <param name="withLabels">Also store each part's verdicts and signals (one classification over all parts).</param>
    public static void Write(string runDirectory, IEnumerable<Func<RunSnapshot>> parts, bool withLabels, RunManifest? manifest = null)
    {
        using var store = RunStore.Open(runDirectory, create: true);
        var labels = new List<(Core.Attempts.AttemptKey, Core.Verdicts.Verdict, Core.Signals.AttemptSignals)>();
        Core.Classifiers.ClassifierInfo? classifier = null;
        foreach (var make in parts)
        {
            var part = make();
            if (store.ReadManifest() is null) store.InitializeOrVerify(manifest ?? part.Manifest);
            store.SaveProbes(part.Probes.Values);
            store.SaveAttempts([.. part.Attempts.Select(a => a.Attempt)]);
            if (!withLabels) continue;
            classifier ??= part.Classifier;
            labels.AddRange(part.Attempts.Select(a => (a.Attempt.Key, a.Verdict!, a.Signals!)));
        }
        if (withLabels && classifier is not null) store.SaveClassification(classifier, labels);
    }
}
