namespace AuditKit.Reporting.Statistics;

/// <summary>Cohen's kappa: agreement of two raters on the same items, corrected for the agreement their label frequencies give by chance.</summary>
public static class CohensKappa
{
    /// <returns>Kappa in [-1, 1]; 1 when both raters use one and the same label throughout (nothing left to chance); NaN for no items.</returns>
    public static double Compute<T>(IReadOnlyList<(T First, T Second)> pairs) where T : notnull
    {
        if (pairs.Count == 0) return double.NaN;
        double n = pairs.Count;
        double observed = pairs.Count(p => EqualityComparer<T>.Default.Equals(p.First, p.Second)) / n;
        var first = pairs.GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.Count() / n);
        var second = pairs.GroupBy(p => p.Second).ToDictionary(g => g.Key, g => g.Count() / n);
        double chance = first.Sum(f => f.Value * second.GetValueOrDefault(f.Key));
        return chance >= 1 ? 1 : (observed - chance) / (1 - chance);
    }
}
