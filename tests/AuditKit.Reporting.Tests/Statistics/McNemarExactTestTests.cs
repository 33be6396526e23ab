using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class McNemarExactTestTests
{
    [Fact]
    public void TwoSidedP_OneAgainstNine_Is0_02148() => Assert.Equal(0.021484375, McNemarExactTest.TwoSidedP(1, 9), 9);

    [Fact]
    public void TwoSidedP_NoDiscordantPairs_IsOne() => Assert.Equal(1.0, McNemarExactTest.TwoSidedP(0, 0));

    [Fact]
    public void TwoSidedP_IsSymmetricInBAndC() => Assert.Equal(McNemarExactTest.TwoSidedP(3, 12), McNemarExactTest.TwoSidedP(12, 3), 12);

    [Fact]
    public void TwoSidedP_BalancedCounts_CappedAtOne() => Assert.Equal(1.0, McNemarExactTest.TwoSidedP(7, 7));

    [Fact]
    public void TwoSidedP_ZeroAgainstTen_IsTwoOver1024() => Assert.Equal(2.0 / 1024, McNemarExactTest.TwoSidedP(0, 10), 12);

    [Fact]
    public void TwoSidedP_TensOfThousandsOfPairs_StaysFiniteAndOrdered()
    {
        double near = McNemarExactTest.TwoSidedP(24_900, 25_100);
        double far = McNemarExactTest.TwoSidedP(24_000, 26_000);
        Assert.InRange(near, 0.3, 1.0);
        Assert.True(far > 0 && far < 1e-10, $"p = {far}");
    }
}
