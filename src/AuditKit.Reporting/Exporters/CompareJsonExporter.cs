using AuditKit.Reporting.Comparisons;

namespace AuditKit.Reporting.Exporters;

/// <summary>compare.json: the whole comparison, flips included, versioned.</summary>
public sealed class CompareJsonExporter : IComparisonExporter
{
    public const string FileName = "compare.json";

    /// <summary>Bumped whenever a field of compare.json changes meaning.</summary>
    public const int SchemaVersion = 1;

    public string Name => "compare-json";

    public async Task<IReadOnlyList<string>> ExportAsync(ComparisonResult comparison, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await JsonFiles.WriteAsync(path, new { schema_version = SchemaVersion, comparison }, cancellationToken).ConfigureAwait(false);
        return [path];
    }
}
