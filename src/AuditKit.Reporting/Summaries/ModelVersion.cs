namespace AuditKit.Reporting.Summaries;

/// <summary>A model placed on a timeline (<c>report --versions name=YYYY-MM</c>): versions are ordered by <see cref="Released"/>.</summary>
/// <param name="Released">Year and month, "2025-01"; sorts as text.</param>
public sealed record ModelVersion(string Model, string Released);
