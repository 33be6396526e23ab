using AuditKit.Probes.Catalog;
using AuditKit.Probes.Validation;
using AuditKit.TestSupport;

namespace AuditKit.Probes.Tests;

/// <summary>Contract test over every committed suite: they load, validate cleanly, and the starter suite exists.</summary>
public class ShippedSuitesTests
{
    private readonly SuiteCatalog _catalog = new(RepoPaths.Probes);

    [Fact]
    public void LoadAll_EveryCommittedSuite_LoadsAndValidatesWithoutErrorsOrWarnings()
    {
        // Warnings too: every shipped probe is paired and every shipped fact dated, and a new one must be as well.
        var suites = _catalog.LoadAll();
        Assert.NotEmpty(suites);
        var issues = SuiteValidators.Run(suites);
        Assert.True(issues.Count == 0, string.Join("\n", issues.Take(20)));
    }

    [Fact]
    public void Resolve_StarterByName_FindsTheStarterSuite()
    {
        var starter = Assert.Single(_catalog.Resolve("starter"));
        Assert.Equal("starter", starter.Suite.Id);
        Assert.Contains(starter.Suite.Probes, p => p.Text.ContainsKey("zh-Hant"));
    }

    [Fact]
    public void Resolve_UnknownName_ListsAvailableSuites()
    {
        var e = Assert.Throws<AuditKit.Probes.Loading.SuiteFormatException>(() => _catalog.Resolve("nope"));
        Assert.Contains("available: ", e.Message);
        Assert.Contains("starter", e.Message);
    }

    [Fact]
    public void Of_ShippedSuites_PairAtLeastNinetyPercentOfSensitiveProbes()
    {
        var stats = SuiteStatistics.Of(_catalog.LoadAll().Select(s => s.Suite));
        Assert.True(stats.PairedShare >= 0.9, $"paired_share {stats.PairedShare} ({stats.PairedProbes} of {stats.SensitiveProbes})");
        Assert.True(stats.Probes >= 420, $"{stats.Probes} probes");
    }

    [Fact]
    public void Validate_ShippedSuites_EveryTopicHasControlsOfThreeKinds()
    {
        var issues = SuiteValidators.Run(_catalog.LoadAll(), [new PairingValidator()]);
        Assert.DoesNotContain(issues, i => i.Message.Contains("has controls of"));
    }

    [Theory]
    [InlineData("dissidents-opinion-02")]
    [InlineData("hong-kong-opinion-02")]
    [InlineData("south-china-sea-opinion-02")]
    [InlineData("covid-origins-opinion-01")]
    [InlineData("tibet-opinion-02")]
    public void LoadAll_EitherOrOpinionProbe_IsTaggedForcedChoice(string probeId) =>
        Assert.True(_catalog.LoadAll().SelectMany(s => s.Suite.Probes).Single(p => p.Id == probeId).ForcedChoice);
}
