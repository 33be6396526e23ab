using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class WilsonIntervalTests
{
    // Reference values: Wilson (1927) score interval, z = 1.96, as tabulated by Newcombe (1998) and computed by hand.
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Compute_KnownCounts_MatchesPublishedBounds(int x, int n, double lower, double upper)
    {
        var ci = WilsonInterval.Compute(x, n);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }

    [Fact]
    public void Compute_LargerZ_GivesWiderInterval()
    {
        var ci95 = WilsonInterval.Compute(30, 100);
        var ci99 = WilsonInterval.Compute(30, 100, z: 2.5758293035489);
        Assert.True(ci99.Lower < ci95.Lower && ci99.Upper > ci95.Upper);
    }

    [Fact]
    public void Compute_ZeroTrials_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(0, 0));

    [Fact]
    public void RateOf_NoTrials_HasNoValue() => Assert.False(RateEstimate.Of(0, 0).HasValue);
}
