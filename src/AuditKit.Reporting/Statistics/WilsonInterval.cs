namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Wilson score interval for a binomial proportion. Chosen over the Wald interval because it stays inside [0, 1]
/// and keeps its coverage at 0/n and n/n, which are common here (a model that refuses every prompt on a topic).
/// </summary>
public static class WilsonInterval
{
    /// <summary>The normal quantile for a two-sided 95 % interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <param name="successes">Number of events, 0..n.</param>
    /// <param name="n">Number of trials; must be positive.</param>
    /// <param name="z">Normal quantile; <see cref="Z95"/> for 95 %.</param>
    public static ConfidenceInterval Compute(int successes, int n, double z = Z95)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), "n must be positive");
        if (successes < 0 || successes > n) throw new ArgumentOutOfRangeException(nameof(successes));
        if (!(z > 0)) throw new ArgumentOutOfRangeException(nameof(z), "z must be positive");

        double p = (double)successes / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // Exact ends: rounding would otherwise leave 1e-17 above 0 at 0/n.
        double lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        double upper = successes == n ? 1 : Math.Min(1, centre + half);
        return new ConfidenceInterval(lower, upper);
    }
}
