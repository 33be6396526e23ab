using AuditKit.Benchmarks.Measurement;

namespace AuditKit.Benchmarks.Tests;

public class RepetitionsTests
{
    [Fact]
    public void MedianAndQuantile_KnownValues_MatchHandComputedFigures()
    {
        double[] ratios = [0.91, 1.05, 0.97, 0.99, 0.93];
        Assert.Equal(0.97, Repetitions.Median(ratios), 12);
        Assert.Equal(0.93, Repetitions.Quantile(ratios, 0.25), 12);
        Assert.Equal(0.99, Repetitions.Quantile(ratios, 0.75), 12);
        Assert.Equal(0.92, Repetitions.Quantile(ratios, 0.125), 12); // halfway between 0.91 and 0.93
        Assert.Equal(1.05, Repetitions.Quantile(ratios, 1), 12);
    }
}
