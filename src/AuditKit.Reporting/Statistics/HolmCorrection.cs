namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Holm's step-down adjustment of a family of p-values (controls the family-wise error rate without assuming
/// independence). Used across topics so that "significant in 4 of 12 topics" survives testing twelve at once.
/// </summary>
public static class HolmCorrection
{
    /// <summary>
    /// Adjusted p-values in the order of <paramref name="pValues"/>: p_(i) * (m - i + 1) for the i-th smallest,
    /// made monotone non-decreasing in that order and capped at 1.
    /// </summary>
    public static IReadOnlyList<double> Adjust(IReadOnlyList<double> pValues)
    {
        int m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++)
        {
            int index = order[rank];
            double p = pValues[index];
            if (double.IsNaN(p) || p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(pValues), $"p-value {p} is not in [0, 1]");
            running = Math.Max(running, Math.Min(1.0, p * (m - rank)));
            adjusted[index] = running;
        }
        return adjusted;
    }
}
