using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Exporters;

/// <summary>Runs several exporters; a format that throws is recorded in the result and the others still run.</summary>
public sealed class CompositeExporter(IReadOnlyList<IReportExporter> exporters)
{
    public IReadOnlyList<IReportExporter> Exporters { get; } = exporters;

    public Task<ExportResult> ExportAllAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outputDirectory);
        return ExportRunner.RunAllAsync(
            Exporters.Select(e => (e.Name, (Func<CancellationToken, Task<IReadOnlyList<string>>>)(ct => e.ExportAsync(summary, outputDirectory, ct)))),
            cancellationToken);
    }
}
