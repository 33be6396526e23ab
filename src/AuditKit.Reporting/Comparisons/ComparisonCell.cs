using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Comparisons;

/// <summary>
/// Base against candidate on the pairs of one topic and language (or on all pairs, for the overall cell).
/// Differences are candidate minus base, so a negative refusal difference means the candidate refuses less.
/// </summary>
/// <param name="McNemarP">Exact McNemar p-value on the refusal flips.</param>
/// <param name="HolmP">Holm-adjusted across all topic-language cells (equals <see cref="McNemarP"/> for the overall cell).</param>
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
    double AlignedMcNemarP);
