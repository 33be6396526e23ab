namespace AuditKit.Reporting.Summaries;

/// <summary>Two answers to the same probe (across models or languages) whose labels differ most.</summary>
/// <param name="Reason">E.g. "COMPLETE in en vs DENIAL in zh-Hans".</param>
/// <param name="Score">How far apart the labels are; quotes are ordered by it, largest first.</param>
public sealed record QuotePair(string ProbeId, string Topic, int Sample, string Reason, int Score, QuoteSide Left, QuoteSide Right);
