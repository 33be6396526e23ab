using AuditKit.Reporting.Comparisons;

namespace AuditKit.Reporting.Exporters;

/// <summary>Writes one format of a base-versus-candidate comparison. Sees only the <see cref="ComparisonResult"/>.</summary>
public interface IComparisonExporter
{
    /// <summary>Short format name used in error messages, e.g. <c>compare-html</c>.</summary>
    string Name { get; }

    /// <summary>Writes this format's file(s) into an existing <paramref name="outputDirectory"/>, overwriting; returns the full paths written.</summary>
    Task<IReadOnlyList<string>> ExportAsync(ComparisonResult comparison, string outputDirectory, CancellationToken cancellationToken);
}
