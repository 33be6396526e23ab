namespace AuditKit.Reporting.Statistics;

/// <summary>
/// A proportion <see cref="Count"/>/<see cref="N"/> with its confidence interval. When <see cref="N"/> is zero there
/// is no estimate: <see cref="HasValue"/> is false and exporters print "n/a" rather than a made-up 0 %.
/// </summary>
public sealed record RateEstimate(int Count, int N, double Rate, ConfidenceInterval Interval)
{
    public bool HasValue => N > 0;

    /// <summary>
    /// The rate corrected for the classifier's errors with gold labels (prediction-powered inference), with its own
    /// interval; null when the cell has no gold label. Reports show it first and the classifier's count as "uncorrected".
    /// </summary>
    public CorrectedEstimate? Corrected { get; init; }

    /// <summary><see cref="Corrected"/> when it can stand for the cell (<see cref="CorrectedEstimate.Usable"/>); what displays show first.</summary>
    public CorrectedEstimate? Shown => Corrected is { Usable: true } c ? c : null;

    public static RateEstimate Of(int count, int n, double z = WilsonInterval.Z95)
    {
        if (n < 0 || count < 0 || count > n)
            throw new ArgumentOutOfRangeException(nameof(count), $"need 0 <= count <= n, got {count}/{n}");
        return n == 0
            ? new RateEstimate(0, 0, 0, new ConfidenceInterval(0, 1))
            : new RateEstimate(count, n, (double)count / n, WilsonInterval.Compute(count, n, z));
    }
}
