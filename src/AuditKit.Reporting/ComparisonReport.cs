using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Exporters;

namespace AuditKit.Reporting;

/// <summary>A comparison and what was written. <see cref="Regressed"/> is what <c>--fail-if-regress</c> turns into exit code 3.</summary>
public sealed record ComparisonReport(ComparisonResult Result, ExportResult Export)
{
    public string Verdict => Result.Verdict;

    public bool Regressed => Result.Regressed;
}
