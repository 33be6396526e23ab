using AuditKit.Core.Attempts;

namespace AuditKit.Core.Runs;

/// <summary>
/// The attempts of a stored run read again with their answers and reasoning traces, in stored order: for the passes
/// that need every answer's text (classifying, quoting, attempts.csv) while the snapshot holds only keys and labels. A
/// million answers of a few kilobytes do not fit in memory at once; one at a time they do. The raw output and the
/// templated prompt, which no such pass reads, are left empty (<c>auditkit export</c> reads them from a whole snapshot).
/// </summary>
public interface IAttemptTextSource
{
    /// <summary>Every stored attempt, in the order of the snapshot it came with; each enumeration reads afresh.</summary>
    IEnumerable<Attempt> ReadAll();
}
