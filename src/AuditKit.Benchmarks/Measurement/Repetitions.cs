namespace AuditKit.Benchmarks.Measurement;

/// <summary>Medians, because one repetition slowed by another process on a shared machine should not move the figure.</summary>
public static class Repetitions
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The <paramref name="q"/>-quantile (0..1) by linear interpolation between the sorted values.</summary>
    public static double Quantile(IReadOnlyCollection<double> values, double q)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary>
    /// Runs both sides of one repetition, swapping their order on even repetitions so that a slow phase of a shared
    /// machine (another process starting a build) does not always land on the same side.
    /// </summary>
    public static async Task<(T A, T B)> AlternateAsync<T>(int repetition, Func<Task<T>> a, Func<Task<T>> b)
    {
        if (repetition % 2 == 1) { var first = await a().ConfigureAwait(false); return (first, await b().ConfigureAwait(false)); }
        var second = await b().ConfigureAwait(false);
        return (await a().ConfigureAwait(false), second);
    }

    /// <summary>Invariant-culture text for the details dictionary.</summary>
    public static string Format(double value, int decimals = 2) =>
        Math.Round(value, decimals).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
