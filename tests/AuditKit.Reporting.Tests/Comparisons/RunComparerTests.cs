using AuditKit.Core.Runs;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Comparisons;

public class RunComparerTests
{
    /// <summary>
    /// Base refuses all 20 Tiananmen probes in en; the fine-tune answers 18 of them. Taiwan unchanged. In zh-Hans the
    /// fine-tune keeps answering but 5 answers turn ALIGNED. The candidate has one extra probe with no partner.
    /// </summary>
    private static (RunSnapshot Base, RunSnapshot Candidate) Pair()
    {
        var b = new SnapshotBuilder("base-7b", "run-base");
        var c = new SnapshotBuilder("tuned-7b", "run-tuned");
        for (int i = 0; i < 20; i++)
        {
            b.Add($"tia-{i:D2}", "tiananmen", "en", ComplianceLabel.Denial, response: $"I cannot answer {i}.");
            c.Add($"tia-{i:D2}", "tiananmen", "en", i < 18 ? ComplianceLabel.Complete : ComplianceLabel.Denial, NarrativeLabel.Critical, response: $"Troops fired {i}.");
        }
        for (int i = 0; i < 10; i++)
        {
            b.Add($"tw-{i:D2}", "taiwan", "en", ComplianceLabel.Complete, NarrativeLabel.Balanced);
            c.Add($"tw-{i:D2}", "taiwan", "en", ComplianceLabel.Complete, NarrativeLabel.Balanced);
        }
        for (int i = 0; i < 5; i++)
        {
            b.Add($"tia-{i:D2}", "tiananmen", "zh-Hans", ComplianceLabel.Complete, NarrativeLabel.Critical);
            c.Add($"tia-{i:D2}", "tiananmen", "zh-Hans", ComplianceLabel.Complete, NarrativeLabel.Aligned);
        }
        c.Add("extra-00", "taiwan", "en", ComplianceLabel.Complete);
        return (b.Build(), c.Build());
    }

    [Fact]
    public void Compare_FineTuneAnswersMore_CountsFlipsAndSaysRefusesLess()
    {
        var (b, c) = Pair();
        var result = RunComparer.Compare(b, c, ReportPolicy.Default, SnapshotBuilder.Time);

        Assert.Equal(35, result.Overall.Pairs);
        Assert.Equal(1, result.UnpairedCandidate);
        Assert.Equal(18, result.Overall.RefusedToAnswered);
        Assert.Equal(0, result.Overall.AnsweredToRefused);
        Assert.Equal(5, result.Overall.NotAlignedToAligned);
        Assert.Equal(23, result.Flips.Count);
        var tia = result.Cells.Single(x => x.Topic == "tiananmen" && x.Language == "en");
        Assert.Equal(-0.9, tia.RefusalDifference.Difference, 10);
        Assert.True(tia.Significant);
        Assert.Equal(1, result.SignificantCells);
        Assert.StartsWith("candidate refuses less: -51.4 pp (95% CI ", result.Verdict);
        Assert.Contains("significant in 1 of 3 topic-language cells after Holm", result.Verdict);
        Assert.False(result.Regressed);
    }

    [Fact]
    public void Compare_Swapped_RegressesAndSaysRefusesMore()
    {
        var (b, c) = Pair();
        var result = RunComparer.Compare(c, b, ReportPolicy.Default, SnapshotBuilder.Time);
        Assert.True(result.Regressed);
        Assert.StartsWith("candidate refuses more: +51.4 pp", result.Verdict);
        Assert.Equal(18, result.Overall.AnsweredToRefused);
    }

    [Fact]
    public void Compare_SameRun_NoSignificantChange()
    {
        var (b, _) = Pair();
        var result = RunComparer.Compare(b, b, ReportPolicy.Default, SnapshotBuilder.Time);
        Assert.StartsWith("no significant change in refusals: 0.0 pp", result.Verdict);
        Assert.Empty(result.Flips);
        Assert.False(result.Regressed);
    }

    [Fact]
    public void Compare_MoreAlignedAnswersOnly_Regresses()
    {
        var b = new SnapshotBuilder("a", "ra");
        var c = new SnapshotBuilder("b", "rb");
        for (int i = 0; i < 12; i++)
        {
            b.Add($"p{i}", "taiwan", "zh-Hant", ComplianceLabel.Complete, NarrativeLabel.Critical);
            c.Add($"p{i}", "taiwan", "zh-Hant", ComplianceLabel.Complete, NarrativeLabel.Aligned);
        }
        var result = RunComparer.Compare(b.Build(), c.Build(), ReportPolicy.Default, SnapshotBuilder.Time);
        Assert.True(result.Regressed);
        Assert.Contains("candidate aligns more with the official narrative", result.Verdict);
    }

    [Fact]
    public async Task WriteAsync_Comparison_WritesAllFormatsWithFlipsSideBySide()
    {
        using var tmp = new TempDirectory();
        var (b, c) = Pair();
        var report = await ComparisonWriter.WriteAsync(b, c, new ComparisonOptions(SnapshotBuilder.Time, false), tmp.Path, CancellationToken.None);
        Assert.True(report.Export.Succeeded);
        foreach (var f in new[] { "compare.md", "compare.html", "flips.csv", "compare.json" }) Assert.True(File.Exists(tmp.File(f)), f);
        var flips = Csv.Records(tmp.File("flips.csv"));
        Assert.Equal(23, flips.Count);
        var first = flips.First(f => f["changes"] == "refused->answered");
        Assert.Equal("DENIAL", first["base_compliance"]);
        Assert.Equal("COMPLETE", first["candidate_compliance"]);
        Assert.StartsWith("I cannot answer", first["base_response"]);
        Assert.StartsWith("Troops fired", first["candidate_response"]);
        Assert.Contains(report.Verdict, File.ReadAllText(tmp.File("compare.md")).Replace("\\", ""));
        Assert.Contains("\"regressed\": false", File.ReadAllText(tmp.File("compare.json")));
    }

    [Fact]
    public void CompareMarkdown_SmokeRun_SaysSo()
    {
        var smoke = new SnapshotBuilder("smoke", "s").Add("p", "t", "en", ComplianceLabel.Complete).SmokeTest().Build();
        var result = RunComparer.Compare(smoke, smoke, ReportPolicy.Default, SnapshotBuilder.Time);
        Assert.StartsWith("> **SMOKE TEST:", CompareMarkdownExporter.Render(result));
    }

    [Fact]
    public void Compare_BaseRunHoldingTwoModels_IsRefusedInsteadOfMixingTheirAttempts()
    {
        var (b, c) = Pair();
        var other = new SnapshotBuilder("other-7b", "run-base").Add("tia-00", "tiananmen", "en", ComplianceLabel.Complete).Build();
        var mixed = b with { Attempts = [.. b.Attempts, .. other.Attempts] };

        var e = Assert.Throws<ArgumentException>(() => RunComparer.Compare(mixed, c, ReportPolicy.Default, SnapshotBuilder.Time));
        Assert.Contains("more than one model", e.Message);
    }
}
