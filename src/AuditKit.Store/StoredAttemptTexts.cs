using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Store;

/// <summary>
/// A run folder's attempts with the texts reports and classifiers read (answer and reasoning; the raw output and the
/// templated prompt stay in the store), read afresh from its store on each enumeration, in stored order.
/// </summary>
internal sealed class StoredAttemptTexts(string runDirectory) : IAttemptTextSource
{
    public IEnumerable<Attempt> ReadAll()
    {
        using var store = RunStore.Open(runDirectory, create: false);
        foreach (var attempt in store.StreamAttempts(RunStore.StoredText.Answer))
            yield return attempt;
    }
}
