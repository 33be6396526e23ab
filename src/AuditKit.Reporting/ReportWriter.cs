using AuditKit.Core.Runs;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting;

/// <summary>
/// The one call behind <c>auditkit report</c>: stored runs in, report.html, report.md, attempts.csv, summary.csv,
/// rates_wide.csv and summary.json out. A format that fails is listed in <see cref="ExportResult.Failures"/>; the others are still written.
/// </summary>
public static class ReportWriter
{
    /// <summary>The formats a report is written in, in order: the explicit catalog (add a new exporter here).</summary>
    public static IReadOnlyList<IReportExporter> DefaultExporters(ReportOptions options) =>
    [
        new HtmlExporter(),
        new MarkdownExporter(),
        new AttemptsCsvExporter(options.ExcelCompatibleCsv),
        new SummaryCsvExporter(options.ExcelCompatibleCsv),
        new RatesWideCsvExporter(options.ExcelCompatibleCsv),
        new JsonSummaryExporter(),
    ];

    public static Task<ReportResult> WriteAsync(IReadOnlyList<RunSnapshot> runs, ReportOptions options, string outputDirectory, CancellationToken cancellationToken) =>
        WriteAsync(runs, options, outputDirectory, DefaultExporters(options), cancellationToken);

    public static async Task<ReportResult> WriteAsync(
        IReadOnlyList<RunSnapshot> runs, ReportOptions options, string outputDirectory, IReadOnlyList<IReportExporter> exporters, CancellationToken cancellationToken)
    {
        var summary = AuditSummaryBuilder.Build(runs, options.Policy, options.Title, options.GeneratedAt);
        var export = await new CompositeExporter(exporters).ExportAllAsync(summary, outputDirectory, cancellationToken).ConfigureAwait(false);
        return new ReportResult(summary, export);
    }
}
