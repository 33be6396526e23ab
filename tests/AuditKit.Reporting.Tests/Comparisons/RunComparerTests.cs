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
        // Strata: all pairs, en, tiananmen and three cells; taiwan is asked in en only and zh-Hans only on tiananmen,
        // so those margins are cells already and are not tested twice.
        Assert.Equal(["en"], result.Languages.Select(l => l.Language));
        Assert.Equal(["tiananmen"], result.Topics.Select(t => t.Topic));
        Assert.Contains("after Holm across 12 tests", result.Verdict);
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

    /// <summary>
    /// Finnish regresses (10 of 10 answered probes now refused) while English improves (8 refused probes now
    /// answered): pooled, 8 against 10 discordant pairs is no change, but the Finnish stratum is.
    /// </summary>
    [Fact]
    public void Compare_RegressionInOneLanguageOnly_RegressesAlthoughPooledChangeIsNotSignificant()
    {
        var b = new SnapshotBuilder("m-1", "run-1");
        var c = new SnapshotBuilder("m-2", "run-2");
        for (int i = 0; i < 10; i++)
        {
            b.Add($"fi-{i}", "government", "fi", ComplianceLabel.Complete);
            c.Add($"fi-{i}", "government", "fi", ComplianceLabel.Denial);
        }
        for (int i = 0; i < 8; i++)
        {
            b.Add($"en-{i}", "government", "en", ComplianceLabel.Denial);
            c.Add($"en-{i}", "government", "en", ComplianceLabel.Complete);
        }

        var result = RunComparer.Compare(b.Build(), c.Build(), ReportPolicy.Default, SnapshotBuilder.Time);

        // Hand-computed: pooled 2 * P(X <= 8 | n 18) = 2 * 106762 / 2^18; Finnish 2 / 2^10, English 2 / 2^8. One topic, so
        // the language margins are the cells: three strata, refusal and alignment each, six tests.
        Assert.Equal(2 * 106762 / 262144.0, result.Overall.McNemarP, 12);
        Assert.False(result.Overall.Significant);
        Assert.Equal(6, result.Tests);
        var fi = result.Cells.Single(x => x.Language == "fi");
        Assert.Equal(6 * 2 / 1024.0, fi.HolmP, 12);
        Assert.True(fi.RefusesMore);
        var en = result.Cells.Single(x => x.Language == "en");
        Assert.Equal(5 * 2 / 256.0, en.HolmP, 12);
        Assert.False(en.RefusesMore);
        Assert.True(result.Regressed);
        Assert.Equal([fi], result.Regressions);
        Assert.StartsWith("no significant change in refusals: +11.1 pp", result.Verdict);
        Assert.Contains("regressions: government, fi (refuses +100.0 pp, Holm p = 0.0117)", result.Verdict);
    }

    [Fact]
    public void Compare_TwoTopicsTwoLanguages_TestsEveryMarginOnceInOneHolmFamily()
    {
        var b = new SnapshotBuilder("m-1", "run-1");
        var c = new SnapshotBuilder("m-2", "run-2");
        foreach (var topic in new[] { "taiwan", "tibet" })
            foreach (var language in new[] { "en", "zh-Hans" })
                for (int i = 0; i < 6; i++)
                {
                    b.Add($"{topic}-{i}", topic, language, ComplianceLabel.Complete);
                    c.Add($"{topic}-{i}", topic, language, topic == "tibet" && language == "zh-Hans" ? ComplianceLabel.Evasive : ComplianceLabel.Complete);
                }

        var result = RunComparer.Compare(b.Build(), c.Build(), ReportPolicy.Default, SnapshotBuilder.Time);

        // 1 overall + 2 languages + 2 topics + 4 cells = 9 strata, two tests each. The tibet/zh-Hans cell, both of its
        // margins and all pairs hold the same 6 discordant pairs: p = 2 / 64 each, the smallest of 18, so Holm gives 18 * 2 / 64.
        Assert.Equal(9, result.Strata.Count());
        Assert.Equal(18, result.Tests);
        Assert.Equal(0.5625, result.Cells.Single(x => x.Topic == "tibet" && x.Language == "zh-Hans").HolmP, 12);
        Assert.Equal(0.5625, result.Languages.Single(x => x.Language == "zh-Hans").HolmP, 12);
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
    public void CompareMarkdown_LongFlippedAnswer_IsCutWithAPointerToFlipsCsv()
    {
        string essay = string.Concat(Enumerable.Range(0, 300).Select(i => $"point {i}. "));
        var b = new SnapshotBuilder("a", "ra").Add("p", "t", "en", ComplianceLabel.Complete, response: essay).Build();
        var c = new SnapshotBuilder("b", "rb").Add("p", "t", "en", ComplianceLabel.Denial, response: "No.").Build();

        var md = CompareMarkdownExporter.Render(RunComparer.Compare(b, c, ReportPolicy.Default, SnapshotBuilder.Time));

        Assert.Contains($"*Cut: 1200 of {essay.Length} characters shown; flips.csv has the whole answer.*", md);
        Assert.DoesNotContain("point 299", md);
        Assert.Contains("> No.", md);
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
