namespace AuditKit.Reporting.Statistics;

/// <summary>
/// A rate (or a paired difference of rates) corrected for the classifier's errors with a gold-labelled sample, and
/// its confidence interval; made by <see cref="PredictionPoweredInference"/>. All figures are fractions: rates in
/// [0, 1], differences in [-1, 1], and <see cref="Lower"/> &lt;= <see cref="Rate"/> &lt;= <see cref="Upper"/>.
/// </summary>
/// <param name="Rate">The corrected estimate; for a difference, first minus second.</param>
/// <param name="GoldN">Gold-labelled answers (or pairs) it rests on; the interval's width is mostly set by these.</param>
/// <param name="N">All classified answers (or pairs) in the cell, gold-labelled ones included.</param>
/// <param name="Lambda">
/// Weight of the classifier's labels, 0..1: 0 uses the gold labels alone, 1 is classic prediction-powered inference; null for a figure combined from two corrected estimates.
/// </param>
/// <param name="Method">One line for a reader of the report, e.g. "PPI++ (lambda 0.83), finite-population, t(11) with disagreement floor".</param>
public sealed record CorrectedEstimate(double Rate, double Lower, double Upper, int GoldN, int N, double? Lambda, string Method)
{
    /// <summary>
    /// Whether the figure can stand for the cell: one gold label corrects nothing (its interval is the whole range), so
    /// every display (tables, charts, key findings) shows the classifier's figure instead and says why.
    /// </summary>
    public bool Usable => GoldN >= 2;
}
