namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Difference of two paired proportions with Newcombe's hybrid score interval (Newcombe 1998, "Improved confidence
/// intervals for the difference between binomial proportions based on paired data", method 10): each margin gets its Wilson interval and the two are combined with the phi correlation of the 2x2
/// table. Unlike the Wald interval it stays inside [-1, 1] and does not collapse to a point when b = c = 0.
/// </summary>
public static class PairedDifference
{
    /// <summary>
    /// p1 - p2 where p1 = (a + b) / n is the first condition's rate and p2 = (a + c) / n the second's.
    /// </summary>
    /// <param name="bothYes">a: the event in both conditions.</param>
    /// <param name="onlyFirst">b: the event in the first condition only.</param>
    /// <param name="onlySecond">c: the event in the second condition only.</param>
    /// <param name="bothNo">d: the event in neither.</param>
    public static DifferenceEstimate Compute(int bothYes, int onlyFirst, int onlySecond, int bothNo, double z = WilsonInterval.Z95)
    {
        int a = bothYes, b = onlyFirst, c = onlySecond, d = bothNo;
        if (a < 0 || b < 0 || c < 0 || d < 0) throw new ArgumentOutOfRangeException(nameof(bothYes), "counts must be non-negative");
        int n = a + b + c + d;
        if (n == 0) return new DifferenceEstimate(0, new ConfidenceInterval(-1, 1), 0);

        double p1 = (double)(a + b) / n, p2 = (double)(a + c) / n;
        var w1 = WilsonInterval.Compute(a + b, n, z);
        var w2 = WilsonInterval.Compute(a + c, n, z);

        double marginProduct = (double)(a + b) * (c + d) * (a + c) * (b + d);
        // Newcombe's phi: ad - bc shrunk by n/2 towards zero when positive (0 when it is between 0 and n/2), kept when
        // negative; a margin of 0 or n makes phi undefined and it is taken as 0.
        double cross = (double)a * d - (double)b * c;
        double adjusted = cross > n / 2.0 ? cross - n / 2.0 : cross < 0 ? cross : 0;
        double phi = marginProduct == 0 ? 0 : adjusted / Math.Sqrt(marginProduct);

        double diff = p1 - p2;
        double dl1 = p1 - w1.Lower, du1 = w1.Upper - p1, dl2 = p2 - w2.Lower, du2 = w2.Upper - p2;
        double lower = diff - Math.Sqrt(Math.Max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
        double upper = diff + Math.Sqrt(Math.Max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
        return new DifferenceEstimate(diff, new ConfidenceInterval(Math.Max(-1, lower), Math.Min(1, upper)), n);
    }
}
