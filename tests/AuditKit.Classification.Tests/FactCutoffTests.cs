using AuditKit.Classification.Signals;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Signals;
using AuditKit.Core.Suites;

namespace AuditKit.Classification.Tests;

public sealed class FactCutoffTests
{
    private static readonly LocalizedPatterns Any = new(new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["x"] });

    private static RunSnapshot Run()
    {
        var probe = new Probe("tibet-fact-07", "tibet", ProbeKind.Fact, new Dictionary<string, string> { ["en"] = "What did he say in July 2025?" },
            [new ExpectedFact("old", "An event of 2009", Any, AsOf: "2009-02"), new ExpectedFact("new", "An event of July 2025", Any, AsOf: "2025-07-02", PostCutoff: true),
             new ExpectedFact("undated", "No date given", Any)], []);
        var attempt = new Attempt { Key = new AttemptKey("m", probe.Id, "en", 0), Topic = "tibet", Kind = "fact", Prompt = probe.Text["en"] };
        var signals = new AttemptSignals(null, ["old", "new", "undated"], ["old"], ["new"], []);
        var manifest = new RunManifest
        {
            RunId = "r", Model = new ModelDescription { Name = "m", Backend = "test" }, Sampler = SamplerSettings.Default, Suites = [],
            Languages = ["en"], Samples = 1, ToolVersion = "test",
        };
        return new RunSnapshot("/runs/r", manifest, [new ClassifiedAttempt(attempt, null, signals)], null)
        {
            Probes = new Dictionary<string, Probe> { [probe.Id] = probe },
        };
    }

    [Fact]
    public void Apply_CutoffBeforeAFact_LeavesItOutOfEveryFactSignal()
    {
        var signals = FactCutoff.Apply(Run(), "2024-06").Attempts[0].Signals!;

        Assert.Equal(["old", "undated"], signals.FactsExpected);
        Assert.Equal(["old"], signals.FactsInAnswer);
        Assert.Empty(signals.FactsOnlyInReasoning);
    }

    [Fact]
    public void Apply_CutoffInTheFactsMonth_KeepsIt()
    {
        Assert.Equal(["old", "new", "undated"], FactCutoff.Apply(Run(), "2025-07").Attempts[0].Signals!.FactsExpected);
    }

    [Theory]
    [InlineData("2024-13")]
    [InlineData("2024-6")]
    [InlineData("June 2024")]
    public void IsMonth_NotYearDashMonth_IsFalse(string text) => Assert.False(FactCutoff.IsMonth(text));
}
