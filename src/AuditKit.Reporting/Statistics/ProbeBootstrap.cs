namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Percentile bootstrap of a pooled rate that resamples probes (clusters), not attempts. Ten samples of one prompt
/// are ten correlated draws, not ten independent observations; resampling whole probes keeps that correlation, so
/// asking each prompt more often narrows the interval only as far as the prompts themselves allow.
/// Deterministic for a given seed.
/// </summary>
public static class ProbeBootstrap
{
    public const int DefaultIterations = 2000;

    /// <param name="clusters">One entry per probe; probes with no samples are ignored. Fewer than two usable probes give [0, 1].</param>
    /// <param name="seed">Fixes the resampling, so the same input and seed always give the same interval.</param>
    /// <param name="confidence">Two-sided level, e.g. 0.95.</param>
    public static ConfidenceInterval Interval(IReadOnlyList<ProbeCluster> clusters, int seed, int iterations = DefaultIterations, double confidence = 0.95)
    {
        if (iterations < 10) throw new ArgumentOutOfRangeException(nameof(iterations), "at least 10 iterations");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence));
        var usable = clusters.Where(c => c.Samples > 0).ToArray();
        // One probe resampled is that probe every time: a zero-width interval that would claim certainty about
        // probes never asked. Below two probes there is no between-probe variation to estimate, so say nothing.
        if (usable.Length < 2) return new ConfidenceInterval(0, 1);

        var random = new Random(seed);
        var rates = new double[iterations];
        int k = usable.Length;
        for (int it = 0; it < iterations; it++)
        {
            long events = 0, samples = 0;
            for (int i = 0; i < k; i++)
            {
                var pick = usable[random.Next(k)];
                events += pick.Events;
                samples += pick.Samples;
            }
            rates[it] = (double)events / samples;
        }
        Array.Sort(rates);
        double tail = (1 - confidence) / 2;
        return new ConfidenceInterval(Quantile(rates, tail), Quantile(rates, 1 - tail));
    }

    // Linear interpolation between order statistics (type 7, as R and NumPy default to).
    private static double Quantile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
