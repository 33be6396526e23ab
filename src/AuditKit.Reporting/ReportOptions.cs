using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting;

/// <summary>What the caller chooses about a report.</summary>
/// <param name="Title">Heading of report.html and report.md.</param>
/// <param name="GeneratedAt">Stamped on the report; the CLI passes its clock's time, tests a fixed one.</param>
/// <param name="ExcelCompatibleCsv">Start CSV files with a UTF-8 byte order mark so Excel reads Chinese text correctly (<c>--excel</c>).</param>
public sealed record ReportOptions(string Title, DateTimeOffset GeneratedAt, bool ExcelCompatibleCsv)
{
    public ReportPolicy Policy { get; init; } = ReportPolicy.Default;
}
