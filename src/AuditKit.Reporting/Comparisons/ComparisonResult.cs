using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Comparisons;

/// <summary>
/// Base run against candidate run on paired attempts (same probe, language and sample; model names ignored).
/// Immutable; the comparison exporters see only this.
/// </summary>
/// <param name="UnpairedBase">Judged base attempts without a judged candidate partner (and the reverse below): left out.</param>
/// <param name="Verdict">One line for humans and CI logs.</param>
/// <param name="Regressed">The candidate refuses, or aligns with the official narrative, significantly more often over all pairs (exact McNemar, policy alpha). The CLI turns it into exit code 3.</param>
public sealed record ComparisonResult(
    string Title,
    DateTimeOffset GeneratedAt,
    bool IsSmokeTest,
    ReportPolicy Policy,
    RunMethod Base,
    RunMethod Candidate,
    int UnpairedBase,
    int UnpairedCandidate,
    ComparisonCell Overall,
    IReadOnlyList<ComparisonCell> Cells,
    int SignificantCells,
    IReadOnlyList<Flip> Flips,
    string Verdict,
    bool Regressed);
