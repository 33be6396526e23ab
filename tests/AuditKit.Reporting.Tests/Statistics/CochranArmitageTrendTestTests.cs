using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class CochranArmitageTrendTestTests
{
    [Fact]
    public void Compute_RisingRates_MatchesHandComputedZAndP()
    {
        // 2/10, 5/10, 8/10 at scores 0, 1, 2: p = 0.5, T = 2 * (8 - 5) = 6, Var = 0.25 * (50 - 30^2 / 30) = 5,
        // z = 6 / sqrt(5) = 2.68328, two-sided p = erfc(z / sqrt 2) = 0.0072904.
        var (z, p) = CochranArmitageTrendTest.Compute([(2, 10), (5, 10), (8, 10)], [0, 1, 2]);
        Assert.Equal(2.6832815729997477, z, 9);
        Assert.Equal(0.007290358091535644, p, 6);
    }

    [Fact]
    public void Compute_FallingRates_NegativeZSameP()
    {
        var (z, p) = CochranArmitageTrendTest.Compute([(8, 10), (5, 10), (2, 10)], [0, 1, 2]);
        Assert.True(z < 0);
        Assert.Equal(0.007290358091535644, p, 6);
    }

    [Fact]
    public void Compute_NoVariation_IsNoEvidence()
    {
        Assert.Equal((0.0, 1.0), CochranArmitageTrendTest.Compute([(0, 10), (0, 10)], [0, 1]));
        Assert.Equal((0.0, 1.0), CochranArmitageTrendTest.Compute([(3, 10), (0, 0)], [0, 1]));
    }
}
