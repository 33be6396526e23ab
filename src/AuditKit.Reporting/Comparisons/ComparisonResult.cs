using System.Text.Json.Serialization;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Comparisons;

/// <summary>
/// Base run against candidate run on paired attempts (same probe, language and sample; model names ignored).
/// Immutable; the comparison exporters see only this.
/// </summary>
/// <param name="UnpairedBase">Judged base attempts without a judged candidate partner (and the reverse below): left out.</param>
/// <param name="Verdict">One line for humans and CI logs.</param>
/// <param name="Overall">All pairs.</param>
/// <param name="Cells">Topic by language.</param>
/// <param name="SignificantCells">Topic-language cells with a significant refusal change after Holm.</param>
/// <param name="Regressed">
/// Some stratum (all pairs, a language, a topic, or a topic in a language) shows the candidate refusing, or aligning
/// with the official narrative, significantly more often (exact McNemar, Holm across every reported test, policy
/// alpha): a regression in one language counts even when the pooled change is not significant. The CLI turns it into
/// exit code 3.
/// </param>
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
    bool Regressed)
{
    /// <summary>One language over every topic, in the report's language order; empty when the runs hold one topic (the cells say the same).</summary>
    public IReadOnlyList<ComparisonCell> Languages { get; init; } = [];

    /// <summary>One topic over every language; empty when the runs hold one language (the cells say the same).</summary>
    public IReadOnlyList<ComparisonCell> Topics { get; init; } = [];

    /// <summary>Distinct tests in the Holm family: refusal and alignment in every stratum with its own pairs.</summary>
    public int Tests { get; init; }

    /// <summary>The strata where the candidate refuses or aligns significantly more: what makes <see cref="Regressed"/> true.</summary>
    public IReadOnlyList<ComparisonCell> Regressions { get; init; } = [];

    /// <summary>Every stratum in reading order: all pairs, each language, each topic, each topic in each language.</summary>
    [JsonIgnore]
    public IEnumerable<ComparisonCell> Strata => [Overall, .. Languages, .. Topics, .. Cells];
}
