using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class ProbeBootstrapTests
{
    private static readonly ProbeCluster[] Clusters =
        [.. Enumerable.Range(0, 30).Select(i => new ProbeCluster($"p{i}", Events: i % 3 == 0 ? 10 : i % 3 == 1 ? 3 : 0, Samples: 10))];

    [Fact]
    public void Interval_SameSeed_SameInterval() =>
        Assert.Equal(ProbeBootstrap.Interval(Clusters, seed: 7), ProbeBootstrap.Interval(Clusters, seed: 7));

    [Fact]
    public void Interval_DifferentSeed_DifferentInterval() =>
        Assert.NotEqual(ProbeBootstrap.Interval(Clusters, seed: 7), ProbeBootstrap.Interval(Clusters, seed: 8));

    [Fact]
    public void Interval_ClusteredSamples_WiderThanWilsonOnAttempts()
    {
        int events = Clusters.Sum(c => c.Events), n = Clusters.Sum(c => c.Samples);
        var wilson = WilsonInterval.Compute(events, n);
        var boot = ProbeBootstrap.Interval(Clusters, seed: 1);
        Assert.True(boot.Upper - boot.Lower > wilson.Upper - wilson.Lower,
            $"bootstrap {boot} should be wider than Wilson {wilson}: samples of one prompt are not independent");
        Assert.True(boot.Contains((double)events / n));
    }

    [Fact]
    public void Interval_OneProbe_SaysNothingInsteadOfAZeroWidthInterval()
    {
        // One probe resampled is always that probe: its 3/10 would come back as [30%, 30%].
        var one = ProbeBootstrap.Interval([new ProbeCluster("p0", Events: 3, Samples: 10)], seed: 1);
        Assert.Equal(new ConfidenceInterval(0, 1), one);

        var two = ProbeBootstrap.Interval([new ProbeCluster("p0", 3, 10), new ProbeCluster("p1", 7, 10)], seed: 1);
        Assert.True(two.Lower > 0 && two.Upper < 1, $"two probes already bound the rate: {two}");
    }
}
