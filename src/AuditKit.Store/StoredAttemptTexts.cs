using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Store;

/// <summary>A run folder's attempts with their texts, read afresh from its store on each enumeration, in stored order.</summary>
internal sealed class StoredAttemptTexts(string runDirectory) : IAttemptTextSource
{
    public IEnumerable<Attempt> ReadAll()
    {
        using var store = RunStore.Open(runDirectory, create: false);
        foreach (var attempt in store.StreamAttempts(withTexts: true))
            yield return attempt;
    }
}
