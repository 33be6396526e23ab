using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Refusal in two languages on the same probes: only attempts sharing model, probe and sample in both languages
/// and judged in both enter, so the difference is paired.
/// </summary>
/// <param name="Difference">Rate in <see cref="Pair"/>.First minus rate in .Second, with Newcombe's paired interval.</param>
/// <param name="McNemarP">Exact McNemar p-value on the discordant pairs.</param>
public sealed record LanguageGap(string Model, LanguagePair Pair, int Pairs, RateEstimate FirstRefusal, RateEstimate SecondRefusal, DifferenceEstimate Difference, double McNemarP)
{
    /// <summary><see cref="McNemarP"/> after Holm's adjustment across every language gap of the report (all models and pairs).</summary>
    public double HolmP { get; init; } = 1;

    /// <summary><see cref="HolmP"/> is below the policy's alpha.</summary>
    public bool Significant { get; init; }
}
