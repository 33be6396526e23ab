using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Exporters;

/// <summary>summary.json: the whole summary except the per-attempt rows (those are in attempts.csv), versioned.</summary>
public sealed class JsonSummaryExporter : IReportExporter
{
    public const string FileName = "summary.json";

    /// <summary>Bumped whenever a field of summary.json changes meaning.</summary>
    public const int SchemaVersion = 1;

    public string Name => "json";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await JsonFiles.WriteAsync(path, new { schema_version = SchemaVersion, summary }, cancellationToken).ConfigureAwait(false);
        return [path];
    }
}
