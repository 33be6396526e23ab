using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class StudentTDistributionTests
{
    // Two-sided 95 % critical values as printed in standard t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(4, 2.776)]
    [InlineData(9, 2.262)]
    [InlineData(10, 2.228)]
    [InlineData(30, 2.042)]
    [InlineData(100, 1.984)]
    public void Quantile_TableDegreesOfFreedom_MatchesPublishedValue(int degreesOfFreedom, double expected) =>
        Assert.Equal(expected, StudentTDistribution.Quantile(0.975, degreesOfFreedom), 3);

    [Fact]
    public void Quantile_OneDegreeOfFreedom_MatchesCauchyClosedForm() =>
        // t(1) is the Cauchy distribution: quantile tan(pi (p - 1/2)).
        Assert.Equal(Math.Tan(Math.PI * (0.99 - 0.5)), StudentTDistribution.Quantile(0.99, 1), 9);

    [Fact]
    public void Quantile_TwoDegreesOfFreedom_MatchesClosedForm()
    {
        // t(2): quantile (2p - 1) / sqrt(2 p (1 - p)).
        double p = 0.9;
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), StudentTDistribution.Quantile(p, 2), 9);
    }

    [Theory]
    [InlineData(1e4)]
    [InlineData(1e6)]
    [InlineData(1e9)]
    public void Quantile_LargeDegreesOfFreedom_TendsToNormalQuantile(double degreesOfFreedom) =>
        Assert.Equal(1.959963984540054, StudentTDistribution.Quantile(0.975, degreesOfFreedom), 3);

    [Fact]
    public void Quantile_LowerTail_IsMirrorOfUpperTail() =>
        Assert.Equal(-StudentTDistribution.Quantile(0.975, 7), StudentTDistribution.Quantile(0.025, 7), 12);

    [Fact]
    public void UpperTail_AtQuantile_ReturnsTheTailProbability() =>
        Assert.Equal(0.005, StudentTDistribution.UpperTail(StudentTDistribution.Quantile(0.995, 12), 12), 10);

    [Theory]
    [InlineData(0.0, 5)]
    [InlineData(1.0, 5)]
    [InlineData(0.975, 0)]
    public void Quantile_InvalidArgument_Throws(double probability, double degreesOfFreedom) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentTDistribution.Quantile(probability, degreesOfFreedom));
}
