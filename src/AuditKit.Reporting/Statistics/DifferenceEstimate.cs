namespace AuditKit.Reporting.Statistics;

/// <summary>A difference of two rates (first minus second, as a fraction, -1..1) with its confidence interval.</summary>
/// <param name="Pairs">How many paired observations it rests on.</param>
public sealed record DifferenceEstimate(double Difference, ConfidenceInterval Interval, int Pairs)
{
    public bool Significant => Pairs > 0 && Interval.ExcludesZero;

    /// <summary>The difference corrected with gold labels on both sides of a pair; null when no pair has them.</summary>
    public CorrectedEstimate? Corrected { get; init; }

    /// <summary><see cref="Corrected"/> when it can stand for the difference (<see cref="CorrectedEstimate.Usable"/>); what displays show first.</summary>
    public CorrectedEstimate? Shown => Corrected is { Usable: true } c ? c : null;
}
