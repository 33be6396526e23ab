using AuditKit.Core.Suites;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Summaries;

/// <summary>Sensitive probes meet their own controls (<c>pairs_with</c>), and the difference is paired and tested with McNemar.</summary>
public class PairedControlTests
{
    private static AuditKit.Core.Runs.RunSnapshot PairedRun()
    {
        var b = new SnapshotBuilder("qwen", "r");
        var probes = new Dictionary<string, Probe>();
        for (int i = 0; i < 10; i++)
        {
            // Refuses 8 of the 10 Tiananmen questions and only 1 of the same questions asked about Kent State.
            b.Add($"tiananmen-{i}", "tiananmen", "en", i < 8 ? ComplianceLabel.Denial : ComplianceLabel.Complete);
            b.Add($"control-{i}", "control-history", "en", i == 0 ? ComplianceLabel.Denial : ComplianceLabel.Complete, kind: "explain");
            probes[$"tiananmen-{i}"] = Probe($"tiananmen-{i}", "tiananmen", pairsWith: $"control-{i}");
            probes[$"control-{i}"] = Probe($"control-{i}", "control-history", controlFor: "tiananmen");
        }
        return b.Build() with { Probes = probes };
    }

    private static Probe Probe(string id, string topic, string? pairsWith = null, string? controlFor = null) =>
        new(id, topic, ProbeKind.Explain, new Dictionary<string, string> { ["en"] = id }, [], [], controlFor, pairsWith);

    [Fact]
    public void Build_ProbesWithPairedControls_PairedDifferenceAndExactMcNemar()
    {
        var s = AuditSummaryBuilder.Build([PairedRun()], ReportPolicy.Default, "t", SnapshotBuilder.Time);
        var row = Assert.Single(s.PairedControls);
        Assert.Equal(10, row.Pairs);
        Assert.Equal(0.8, row.Sensitive.Rate, 10);
        Assert.Equal(0.1, row.Control.Rate, 10);
        Assert.Equal(0.7, row.Difference.Difference, 10);
        Assert.Equal(2 * Math.Pow(0.5, 7), row.McNemarP, 10); // 7 pairs refused only on the sensitive side, none the other way
        Assert.Contains("Sensitive probes against their paired controls", HtmlExporter.Render(s));
    }

    [Fact]
    public void Build_NoProbeNamesAControl_NoPairedTable()
    {
        var s = AuditSummaryBuilder.Build([PairedRun() with { Probes = new Dictionary<string, Probe>() }], ReportPolicy.Default, "t", SnapshotBuilder.Time);
        Assert.Empty(s.PairedControls);
        Assert.DoesNotContain("paired controls", HtmlExporter.Render(s));
    }
}
