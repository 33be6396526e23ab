using AuditKit.Core.Attempts;

namespace AuditKit.Core.Runs;

/// <summary>
/// The attempts of a stored run read again whole, texts included, in stored order: for the passes that need every
/// answer's text (classifying, attempts.csv) while the snapshot holds only keys and labels. A million answers of a few
/// kilobytes do not fit in memory at once; one at a time they do.
/// </summary>
public interface IAttemptTextSource
{
    /// <summary>Every stored attempt, in the order of the snapshot it came with; each enumeration reads afresh.</summary>
    IEnumerable<Attempt> ReadAll();
}
