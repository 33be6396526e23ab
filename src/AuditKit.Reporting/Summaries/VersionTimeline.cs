namespace AuditKit.Reporting.Summaries;

/// <summary>
/// How one rate (refused or aligned) on one topic in one language moves across model versions in release order, with
/// the Cochran-Armitage trend test (scores 0, 1, 2, ... by release order).
/// </summary>
/// <param name="Measure">"refused" or "aligned".</param>
/// <param name="Points">Every version in release order.</param>
/// <param name="TrendZ">Positive when the rate rises in later versions.</param>
/// <param name="TrendP">Two-sided, before correction.</param>
public sealed record VersionTimeline(string Topic, string Language, string Measure, IReadOnlyList<VersionPoint> Points, double TrendZ, double TrendP)
{
    /// <summary><see cref="TrendP"/> after Holm's adjustment across every timeline of the report (topics, languages and both measures).</summary>
    public double HolmP { get; init; } = 1;

    /// <summary><see cref="HolmP"/> is below the policy's alpha.</summary>
    public bool Significant { get; init; }
}
