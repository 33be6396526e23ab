using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Headline rates for one model in one language. Every rate has the judged attempts as its denominator
/// (<see cref="Judged"/>): errors and unclassified attempts are counted but excluded.
/// </summary>
/// <param name="Refusal">The policy's refusal rate (by default DENIAL or EVASIVE).</param>
public sealed record ModelLanguageRates(
    string Model,
    string Language,
    int Attempts,
    int Errors,
    int Unclassified,
    int Judged,
    RateEstimate Denial,
    RateEstimate Evasive,
    RateEstimate Complete,
    RateEstimate Aligned,
    RateEstimate Refusal);
