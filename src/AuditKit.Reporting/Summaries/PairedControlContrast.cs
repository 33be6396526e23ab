using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Refusal on sensitive probes against refusal on each one's own control (<c>pairs_with</c>: the same template, kind
/// and languages about another government or a neutral subject), for one model and language. Pairs share the sample
/// index, so the difference is paired and the test is McNemar's: the only figure from which a report may say that a
/// model refuses China (or Modi) questions more than the same questions about others.
/// </summary>
/// <param name="Difference">Sensitive minus control, Newcombe's paired interval (and corrected where both sides have gold labels).</param>
/// <param name="HolmP">McNemar p adjusted with Holm across every row of this table.</param>
public sealed record PairedControlContrast(
    string Model,
    string Language,
    int Pairs,
    RateEstimate Sensitive,
    RateEstimate Control,
    DifferenceEstimate Difference,
    double McNemarP,
    double HolmP);
