using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class PairedDifferenceTests
{
    // Expected bounds computed independently (Python, from the formulas in Newcombe 1998, method 10).
    [Theory]
    [InlineData(8, 5, 4, 9, 0.0385, -0.1868, 0.2576)]
    [InlineData(0, 9, 1, 10, 0.4, 0.1063, 0.6202)]
    [InlineData(10, 0, 0, 10, 0.0, -0.0898, 0.0898)]
    public void Compute_KnownTables_MatchesHandComputedNewcombeInterval(int a, int b, int c, int d, double diff, double lower, double upper)
    {
        var result = PairedDifference.Compute(a, b, c, d);
        Assert.Equal(diff, result.Difference, 4);
        Assert.Equal(lower, result.Interval.Lower, 4);
        Assert.Equal(upper, result.Interval.Upper, 4);
    }

    [Fact]
    public void Compute_AllDiscordantOneWay_IsSignificantAndInsideBounds()
    {
        var result = PairedDifference.Compute(0, 20, 0, 0);
        Assert.Equal(1.0, result.Difference);
        Assert.True(result.Significant);
        Assert.InRange(result.Interval.Lower, -1, 1);
        Assert.Equal(1.0, result.Interval.Upper);
    }

    [Fact]
    public void IndependentDifference_EqualRates_IntervalStraddlesZero()
    {
        var result = IndependentDifference.Compute(10, 40, 5, 20);
        Assert.Equal(0, result.Difference, 10);
        Assert.True(result.Interval.Lower < 0 && result.Interval.Upper > 0);
    }
}
