namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Cochran-Armitage test for a linear trend in proportions across ordered groups (model versions in release order):
/// T = sum t_i (x_i - n_i p), Var T = p (1 - p) [sum n_i t_i^2 - (sum n_i t_i)^2 / N], z = T / sqrt(Var T), with p the
/// pooled proportion. Asymptotic (normal); it asks whether the rate moves steadily with the score, not whether the
/// groups differ in any way.
/// </summary>
public static class CochranArmitageTrendTest
{
    /// <summary>The trend's z (positive: the rate rises with the score) and its two-sided p-value; z = 0, p = 1 when there is no variation to test.</summary>
    /// <param name="groups">Events and trials per group, in order; empty groups are allowed and carry no weight.</param>
    /// <param name="scores">One score per group (e.g. 0, 1, 2 for successive versions).</param>
    public static (double Z, double P) Compute(IReadOnlyList<(int Count, int N)> groups, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(scores);
        if (groups.Count != scores.Count) throw new ArgumentException("one score per group", nameof(scores));
        double n = 0, x = 0, sumNt = 0, sumNt2 = 0;
        for (int i = 0; i < groups.Count; i++)
        {
            var (count, trials) = groups[i];
            if (trials < 0 || count < 0 || count > trials) throw new ArgumentOutOfRangeException(nameof(groups), $"need 0 <= count <= n, got {count}/{trials}");
            n += trials;
            x += count;
            sumNt += trials * scores[i];
            sumNt2 += trials * scores[i] * scores[i];
        }
        if (n == 0) return (0, 1);
        double p = x / n;
        double t = 0;
        for (int i = 0; i < groups.Count; i++) t += scores[i] * (groups[i].Count - groups[i].N * p);
        double variance = p * (1 - p) * (sumNt2 - sumNt * sumNt / n);
        if (!(variance > 1e-12)) return (0, 1);
        double z = t / Math.Sqrt(variance);
        return (z, Math.Min(1, Erfc(Math.Abs(z) / Math.Sqrt(2))));
    }

    /// <summary>Complementary error function with relative error below 1.2e-7 everywhere (Numerical Recipes' erfcc), so small p-values keep their size for Holm.</summary>
    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
