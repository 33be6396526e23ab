namespace AuditKit.Reporting.Correction;

/// <summary>
/// How a report's rates were corrected for classifier error, for its method section: whose labels served as gold,
/// how many, and how well the classifier agreed with them on these runs.
/// </summary>
/// <param name="Gold">The gold source asked for (<c>human</c>, <c>human:NAME</c>, <c>judge</c>, <c>none</c>).</param>
/// <param name="Scorers">The scorers whose labels were used, e.g. <c>human:ana</c>; empty when no answer had a gold label.</param>
/// <param name="GoldLabels">Judged attempts with a gold compliance label.</param>
/// <param name="Judged">Judged attempts in all.</param>
/// <param name="ComplianceKappa">The classifier against gold on the gold-labelled attempts (3 classes); null without gold.</param>
/// <param name="RefusalAgreement">Share of gold-labelled attempts where classifier and gold agree on refused or not.</param>
public sealed record RateCorrection(string Gold, IReadOnlyList<string> Scorers, int GoldLabels, int Judged, double? ComplianceKappa, double? RefusalAgreement)
{
    public bool Applied => GoldLabels > 0;

    /// <summary>The estimator and the small-sample rule, as the method section prints it.</summary>
    public const string Rule =
        "Corrected rates use prediction-powered inference (Angelopoulos et al., Science 382, 2023) with PPI++ power tuning " +
        "(Angelopoulos, Duchi & Zrnic 2023): the gold-labelled answers' rate plus a weighted correction from the classifier's labels on all answers of the cell. " +
        "The gold answers are part of the cell, so the variance carries the finite-population factor (1 - n/N); so that a cell with a handful of gold labels " +
        "cannot print a falsely narrow interval, the variance is never below that of an Agresti-Coull estimate of the classifier's disagreement with gold, " +
        "and the interval uses Student's t with n - 1 degrees of freedom. Paired differences apply the same estimator to the per-pair differences, on pairs gold-labelled on both sides. " +
        "The intervals are valid when the gold labels are a uniform random sample of the answers (auditkit review sample draws one).";
}
