using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting;

/// <summary>What the caller chooses about a comparison (<c>auditkit compare</c>).</summary>
/// <param name="GeneratedAt">Stamped on the output; passed in so output is reproducible.</param>
/// <param name="ExcelCompatibleCsv">Start flips.csv with a UTF-8 byte order mark for Excel.</param>
public sealed record ComparisonOptions(DateTimeOffset GeneratedAt, bool ExcelCompatibleCsv)
{
    public ReportPolicy Policy { get; init; } = ReportPolicy.Default;
}
