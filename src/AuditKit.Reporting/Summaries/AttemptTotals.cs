namespace AuditKit.Reporting.Summaries;

/// <summary>How many attempts a report covers, and how many of them entered the rates.</summary>
public sealed record AttemptTotals(int Attempts, int Judged, int Errors, int Unclassified);
