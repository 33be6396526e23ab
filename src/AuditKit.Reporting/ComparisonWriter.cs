using AuditKit.Core.Runs;
using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Exporters;

namespace AuditKit.Reporting;

/// <summary>The one call behind <c>auditkit compare</c>: compare.md, compare.html, flips.csv and compare.json.</summary>
public static class ComparisonWriter
{
    /// <summary>The comparison formats, in order: the explicit catalog.</summary>
    public static IReadOnlyList<IComparisonExporter> DefaultExporters(ComparisonOptions options) =>
    [
        new CompareMarkdownExporter(),
        new CompareHtmlExporter(),
        new FlipsCsvExporter(options.ExcelCompatibleCsv),
        new CompareJsonExporter(),
    ];

    public static Task<ComparisonReport> WriteAsync(RunSnapshot baseRun, RunSnapshot candidate, ComparisonOptions options, string outputDirectory, CancellationToken cancellationToken) =>
        WriteAsync(baseRun, candidate, options, outputDirectory, DefaultExporters(options), cancellationToken);

    public static async Task<ComparisonReport> WriteAsync(
        RunSnapshot baseRun, RunSnapshot candidate, ComparisonOptions options, string outputDirectory,
        IReadOnlyList<IComparisonExporter> exporters, CancellationToken cancellationToken)
    {
        var result = RunComparer.Compare(baseRun, candidate, options.Policy, options.GeneratedAt);
        Directory.CreateDirectory(outputDirectory);
        var export = await ExportRunner.RunAllAsync(
            exporters.Select(e => (e.Name, (Func<CancellationToken, Task<IReadOnlyList<string>>>)(ct => e.ExportAsync(result, outputDirectory, ct)))),
            cancellationToken).ConfigureAwait(false);
        return new ComparisonReport(result, export);
    }
}
