using AuditKit.Probes.Catalog;
using AuditKit.Probes.Validation;
using AuditKit.TestSupport;

namespace AuditKit.Probes.Tests;

/// <summary>Contract test over every committed suite: they load, validate cleanly, and the starter suite exists.</summary>
public class ShippedSuitesTests
{
    private readonly SuiteCatalog _catalog = new(RepoPaths.Probes);

    [Fact]
    public void LoadAll_EveryCommittedSuite_LoadsAndValidatesWithoutErrors()
    {
        var suites = _catalog.LoadAll();
        Assert.NotEmpty(suites);
        var errors = SuiteValidators.Errors(SuiteValidators.Run(suites));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
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
}
