using AuditKit.Core.Runs;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Summaries;

public class KeyFindingsTests
{
    private static AuditSummary Build(params RunSnapshot[] runs) => AuditSummaryBuilder.Build(runs, ReportPolicy.Default, "t", SnapshotBuilder.Time);

    /// <summary>"strict" refuses most china questions in zh-Hans, "open" answers nearly everything; no controls.</summary>
    private static RunSnapshot[] TwoModels()
    {
        var strict = new SnapshotBuilder("vendor/strict-1", "run-strict")
            .AddMany("china", "china", "en", ComplianceLabel.Complete, 20)
            .AddMany("china", "china", "zh-Hans", ComplianceLabel.Denial, 18)
            .AddMany("china", "china", "zh-Hans", ComplianceLabel.Complete, 2, firstIndex: 18)
            .AddMany("us", "us", "en", ComplianceLabel.Complete, 10)
            .AddMany("us", "us", "zh-Hans", ComplianceLabel.Complete, 10);
        var open = new SnapshotBuilder("vendor/open-2", "run-open")
            .AddMany("china", "china", "en", ComplianceLabel.Complete, 20)
            .AddMany("china", "china", "zh-Hans", ComplianceLabel.Complete, 19)
            .AddMany("china", "china", "zh-Hans", ComplianceLabel.Evasive, 1, firstIndex: 19)
            .AddMany("us", "us", "en", ComplianceLabel.Complete, 10)
            .AddMany("us", "us", "zh-Hans", ComplianceLabel.Complete, 10);
        return [strict.Build(), open.Build()];
    }

    [Fact]
    public void From_NoControls_HighestAndLowestRefusalNamedWithIntervals()
    {
        var findings = KeyFindings.From(Build(TwoModels()));

        var highest = Assert.Single(findings, f => f.Text.StartsWith("Highest refusal", StringComparison.Ordinal));
        Assert.Contains("vendor/strict-1 in zh-Hans, 60.0% [", highest.Text);
        Assert.Equal(FindingSource.Rates, highest.Source);
        var lowest = Assert.Single(findings, f => f.Text.StartsWith("Lowest refusal", StringComparison.Ordinal));
        Assert.Contains("0.0% [0.0, ", lowest.Text);
        Assert.Contains("(tied with 1 more model and language row)", lowest.Text); // strict-1 and open-2 both refused nothing in en
    }

    [Fact]
    public void From_TopicWhereModelsDiffer_NamesMostAndLeastRefusingModel()
    {
        var finding = Assert.Single(KeyFindings.From(Build(TwoModels())), f => f.Source == FindingSource.Topics);
        Assert.StartsWith("On china, vendor/strict-1 refused most, 45.0% [", finding.Text);
        Assert.Contains("vendor/open-2 least, 2.5% [", finding.Text);
    }

    [Fact]
    public void From_SignificantLanguageGap_LargestFirstWithHolmAdjustedP()
    {
        var gaps = KeyFindings.From(Build(TwoModels())).Where(f => f.Source == FindingSource.LanguageGaps).ToList();

        var gap = Assert.Single(gaps);
        Assert.StartsWith("vendor/strict-1 refused 60.0% [", gap.Text);
        Assert.Contains("in zh-Hans and 0.0% [", gap.Text);
        Assert.Contains("in en on the same 30 probes: +60.0 pp [", gap.Text);
        Assert.Contains("more in zh-Hans", gap.Text);
        Assert.Contains("McNemar p Holm-adjusted for the 2 gaps tested: <0.0001", gap.Text);
    }

    [Fact]
    public void From_NoSignificantGap_SaysSo()
    {
        var run = new SnapshotBuilder("m", "r").AddMany("p", "china", "en", ComplianceLabel.Complete, 5).AddMany("p", "china", "zh-Hans", ComplianceLabel.Complete, 5).Build();
        var gap = Assert.Single(KeyFindings.From(Build(run)), f => f.Source == FindingSource.LanguageGaps);
        Assert.StartsWith("No language gap is significant at alpha 0.05", gap.Text);
    }

    [Fact]
    public void From_SensitiveAboveControls_CountsRowsAndNamesLargest()
    {
        var run = new SnapshotBuilder("m", "r")
            .AddMany("s", "china", "en", ComplianceLabel.Denial, 20)
            .AddMany("c", "control-neutral", "en", ComplianceLabel.Complete, 20, kind: "control");
        var findings = KeyFindings.From(Build(run.Build()));

        Assert.Contains(findings, f => f.Source == FindingSource.Controls && f.Text.StartsWith("1 of 1 model and language rows refuse sensitive probes significantly more", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Source == FindingSource.Controls && f.Text.StartsWith("m in en refused 100.0% [", StringComparison.Ordinal) && f.Text.Contains("+100.0 pp [", StringComparison.Ordinal));
    }

    [Fact]
    public void From_ControlsWithinNoise_SaysNoneIsSelectiveAndRanksSensitiveProbesOnly()
    {
        var findings = KeyFindings.From(Build(SampleRuns.Base()));

        Assert.Contains(findings, f => f.Text == "0 of 2 model and language rows refuse sensitive probes significantly more often than matched control probes: none shows selective refusal beyond general caution.");
        Assert.Contains(findings, f => f.Text.StartsWith("Highest refusal on sensitive probes: base-7b in zh-Hans, 62.5%", StringComparison.Ordinal));
    }

    [Fact]
    public void From_PairedControls_SpecificRefusalTakenFromThePairedHolmCorrectedTable()
    {
        var b = new SnapshotBuilder("qwen", "r");
        var probes = new Dictionary<string, AuditKit.Core.Suites.Probe>();
        for (int i = 0; i < 10; i++)
        {
            b.Add($"tiananmen-{i}", "tiananmen", "en", i < 8 ? ComplianceLabel.Denial : ComplianceLabel.Complete);
            b.Add($"control-{i}", "control-history", "en", i == 0 ? ComplianceLabel.Denial : ComplianceLabel.Complete);
            probes[$"tiananmen-{i}"] = Probe($"tiananmen-{i}", "tiananmen", pairsWith: $"control-{i}");
            probes[$"control-{i}"] = Probe($"control-{i}", "control-history", controlFor: "tiananmen");
        }
        var findings = KeyFindings.From(Build(b.Build() with { Probes = probes }));

        Assert.Contains(findings, f => f.Source == FindingSource.PairedControls && f.Text.StartsWith("1 of 1 model and language rows refuse sensitive probes significantly more often than the same questions asked about others", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Source == FindingSource.PairedControls && f.Text.StartsWith("qwen in en refused 80.0% [", StringComparison.Ordinal) && f.Text.EndsWith("(Holm p 0.0156, 10 pairs).", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.Source == FindingSource.Controls);
    }

    private static AuditKit.Core.Suites.Probe Probe(string id, string topic, string? pairsWith = null, string? controlFor = null) =>
        new(id, topic, AuditKit.Core.Suites.ProbeKind.Explain, new Dictionary<string, string> { ["en"] = id }, [], [], controlFor, pairsWith);

    [Fact]
    public void From_GoldLabels_RanksAndQuotesCorrectedFigureFirst()
    {
        // The classifier says COMPLETE everywhere in "b"; reviewers say DENIAL on every answer they labelled.
        var a = new SnapshotBuilder("a", "ra").AddMany("p", "china", "en", ComplianceLabel.Denial, 5).AddMany("p", "china", "en", ComplianceLabel.Complete, 5, firstIndex: 5);
        var b = new SnapshotBuilder("b", "rb");
        for (int i = 0; i < 12; i++) b.Add($"p-{i:D3}", "china", "en", ComplianceLabel.Complete, human: ComplianceLabel.Denial, humanNarrative: NarrativeLabel.None);
        var findings = KeyFindings.From(Build(a.Build(), b.Build()));

        var highest = Assert.Single(findings, f => f.Text.StartsWith("Highest refusal", StringComparison.Ordinal));
        Assert.StartsWith("Highest refusal on sensitive probes: b in en,", highest.Text);
        Assert.Contains("(uncorrected 0.0%, gold 12)", highest.Text);
    }

    [Fact]
    public void Value_CorrectionFromOneGoldLabel_RanksAndPlotsTheClassifiersFigureAsTheTablesShowIt()
    {
        // One gold label gives a "corrected" 100 % with the whole range as its interval: it corrects nothing.
        var rate = AuditKit.Reporting.Statistics.RateEstimate.Of(6, 20) with { Corrected = new AuditKit.Reporting.Statistics.CorrectedEstimate(1.0, 0, 1, 1, 20, 1, "one label") };
        var twoLabels = rate with { Corrected = new AuditKit.Reporting.Statistics.CorrectedEstimate(0.5, 0.2, 0.8, 2, 20, 1, "two labels") };

        Assert.Equal(0.3, KeyFindings.Value(rate), 10);
        Assert.Contains("too few to correct", AuditKit.Reporting.Rendering.Numbers.Rate(rate));
        Assert.Equal(0.5, KeyFindings.Value(twoLabels), 10);
    }
}
