using AuditKit.Core.Attempts;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Suites;

namespace AuditKit.Core.Runs;

/// <summary>An immutable read of one stored run: what reporting and export work from. No model is involved.</summary>
/// <param name="Directory">The run folder it was read from.</param>
/// <param name="Attempts">
/// Every attempt with its labels. When <see cref="DeferredTexts"/> is set, the attempts here hold no answer text
/// (response, raw output, reasoning and templated prompt are empty): read them through <see cref="WithTexts"/>.
/// </param>
/// <param name="Classifier">Null when the run has not been classified.</param>
public sealed record RunSnapshot(string Directory, RunManifest Manifest, IReadOnlyList<ClassifiedAttempt> Attempts, ClassifierInfo? Classifier)
{
    /// <summary>
    /// The probes as they were asked, by id, with their facts, markers and pairings: stored with the run so that
    /// classify and report never reread suite files that may have changed or moved. Empty for imports without probes.
    /// </summary>
    public IReadOnlyDictionary<string, Probe> Probes { get; init; } = new Dictionary<string, Probe>();

    /// <summary>
    /// Where the answer texts are when the snapshot was read without them (<c>RunStore.ReadSnapshot(deferTexts: true)</c>,
    /// for runs too large to hold every answer in memory); null when <see cref="Attempts"/> hold their texts.
    /// </summary>
    public IAttemptTextSource? DeferredTexts { get; init; }

    /// <summary>
    /// <see cref="Attempts"/> with their answers and reasoning (as <see cref="IAttemptTextSource"/> reads them), one at a
    /// time, in the same order and with the same labels and signals.
    /// A snapshot narrowed with <c>with { Attempts = ... }</c> keeps its order, so the stored attempts it left out are
    /// skipped. Throws <see cref="InvalidDataException"/> (a one-line error in the CLI) when the store no longer holds an
    /// attempt of the snapshot: it was changed since.
    /// </summary>
    public IEnumerable<ClassifiedAttempt> WithTexts()
    {
        if (DeferredTexts is null)
        {
            foreach (var a in Attempts) yield return a;
            yield break;
        }
        int next = 0;
        foreach (var full in DeferredTexts.ReadAll())
        {
            if (next == Attempts.Count) break;
            if (full.Key != Attempts[next].Attempt.Key) continue;
            yield return Attempts[next] with { Attempt = full };
            next++;
        }
        if (next < Attempts.Count)
            throw new InvalidDataException($"{Directory}: attempt {Attempts[next].Attempt.Key} is no longer stored; the run changed while it was read, read it again");
    }
}
