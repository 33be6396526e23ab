using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Exporters;

/// <summary>Writes one report format from an <see cref="AuditSummary"/>. Sees only the summary: never a run store, backend or classifier.</summary>
public interface IReportExporter
{
    /// <summary>Short format name used in error messages and logs, e.g. <c>html</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Writes this format's file(s) into <paramref name="outputDirectory"/> (which must exist), overwriting earlier
    /// output, and returns the full paths written. Throws on failure; <see cref="CompositeExporter"/> collects it.
    /// </summary>
    Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken);
}
