using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Comparisons;

/// <summary>
/// Base against candidate on the pairs of one stratum: one topic in one language, one topic in every language
/// (<see cref="Language"/> "all"), one language over every topic (<see cref="Topic"/> "all"), or all pairs (both "all").
/// Differences are candidate minus base, so a negative refusal difference means the candidate refuses less.
/// </summary>
/// <param name="McNemarP">Exact McNemar p-value on the refusal flips.</param>
/// <param name="HolmP">
/// Holm-adjusted across every test the comparison reports (refusal and alignment, in every stratum); strata that hold
/// exactly the same pairs share one test.
/// </param>
/// <param name="Significant">HolmP is below the policy's alpha.</param>
public sealed record ComparisonCell(
    string Topic,
    string Language,
    int Pairs,
    int RefusedToAnswered,
    int AnsweredToRefused,
    int AlignedToNotAligned,
    int NotAlignedToAligned,
    RateEstimate BaseRefusal,
    RateEstimate CandidateRefusal,
    DifferenceEstimate RefusalDifference,
    double McNemarP,
    double HolmP,
    bool Significant,
    RateEstimate BaseAligned,
    RateEstimate CandidateAligned,
    DifferenceEstimate AlignedDifference,
    double AlignedMcNemarP)
{
    /// <summary>The alignment test's p-value after Holm's adjustment, in the same family as <see cref="HolmP"/>.</summary>
    public double AlignedHolmP { get; init; } = 1;

    /// <summary><see cref="AlignedHolmP"/> is below the policy's alpha.</summary>
    public bool AlignedSignificant { get; init; }

    /// <summary>The candidate refuses significantly more often in this stratum (after Holm).</summary>
    public bool RefusesMore => Significant && AnsweredToRefused > RefusedToAnswered;

    /// <summary>The candidate aligns with the official narrative significantly more often in this stratum (after Holm).</summary>
    public bool AlignsMore => AlignedSignificant && NotAlignedToAligned > AlignedToNotAligned;

    /// <summary>"all pairs", "fi", "tiananmen" or "tiananmen, fi": how a reader names the stratum.</summary>
    public string Label => (Topic, Language) switch
    {
        (ComparisonCell.All, ComparisonCell.All) => "all pairs",
        (ComparisonCell.All, var language) => language,
        (var topic, ComparisonCell.All) => topic,
        var (topic, language) => $"{topic}, {language}",
    };

    /// <summary>The <see cref="Topic"/> or <see cref="Language"/> of a stratum that pools over every topic or language.</summary>
    public const string All = "all";
}
