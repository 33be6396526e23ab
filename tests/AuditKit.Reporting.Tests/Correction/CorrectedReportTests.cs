using System.Text.Json;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Correction;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Correction;

/// <summary>Gold labels correct every rate a report prints, and a report without them says so first.</summary>
public class CorrectedReportTests
{
    /// <summary>
    /// 20 answers the classifier calls COMPLETE; people found 6 of them evasive. The reviewer labelled the first
    /// <paramref name="goldCount"/> (the test's "random" sample is the first ones; the estimator cannot tell).
    /// </summary>
    private static AuditKit.Core.Runs.RunSnapshot UnderCountingRun(int goldCount, string model = "deepseek-r1", string runId = "r1")
    {
        var b = new SnapshotBuilder(model, runId);
        for (int i = 0; i < 20; i++)
        {
            bool evasive = i % 10 < 3; // 0,1,2,10,11,12
            b.Add($"tiananmen-{i:D2}", "tiananmen", "zh-Hans", ComplianceLabel.Complete,
                human: i < goldCount ? (evasive ? ComplianceLabel.Evasive : ComplianceLabel.Complete) : null);
        }
        return b.Build();
    }

    private static AuditSummary Build(ReportPolicy policy, params AuditKit.Core.Runs.RunSnapshot[] runs) =>
        AuditSummaryBuilder.Build(runs, policy, "t", SnapshotBuilder.Time);

    [Fact]
    public void Build_EveryAnswerGoldLabelled_CorrectedRateIsTheGoldRateExactly()
    {
        var row = Build(ReportPolicy.Default, UnderCountingRun(goldCount: 20)).ModelLanguages.Single();

        Assert.Equal(0, row.Refusal.Rate);
        var corrected = row.Refusal.Corrected!;
        Assert.Equal(0.3, corrected.Rate, 10);
        Assert.Equal(20, corrected.GoldN);
        Assert.Equal(0.3, corrected.Lower, 10); // everything labelled: nothing left to estimate
        Assert.Equal(0.3, row.Evasive.Corrected!.Rate, 10);
        Assert.Equal(0, row.Denial.Corrected!.Rate, 10);
        Assert.Null(row.Aligned.Corrected); // the reviewer gave no narrative labels
    }

    [Fact]
    public void Build_SomeGoldLabels_CorrectedIntervalCoversTheUnderCountTheClassifierMissed()
    {
        var s = Build(ReportPolicy.Default, UnderCountingRun(goldCount: 10));
        var refusal = s.ModelLanguages.Single().Refusal;

        Assert.Equal(0, refusal.Interval.Lower);
        Assert.True(refusal.Interval.Upper < 0.3, "the classifier-only interval misses the true 30 %");
        Assert.InRange(0.3, refusal.Corrected!.Lower, refusal.Corrected.Upper);
        Assert.Equal(10, refusal.Corrected.GoldN);
        Assert.Equal(10, s.Correction.GoldLabels);
        Assert.Equal(["human:ana"], s.Correction.Scorers);
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void Build_NoGoldLabels_WarnsAtTheTopThatFiguresAreUncorrectedAndWhichWayTheClassifierErrs()
    {
        var s = Build(ReportPolicy.Default, UnderCountingRun(goldCount: 0));

        Assert.Null(s.ModelLanguages.Single().Refusal.Corrected);
        var warning = Assert.Single(s.Warnings);
        Assert.Contains("Uncorrected", warning);
        Assert.Contains("under-counted refusals", warning);
        var html = HtmlExporter.Render(s);
        Assert.True(html.IndexOf("Uncorrected figures", StringComparison.Ordinal) < html.IndexOf("<h2>", StringComparison.Ordinal), "the warning comes before any table");
        Assert.Contains("none: no gold labels", html);
    }

    [Fact]
    public void Build_GoldNone_IgnoresReviewersLabels()
    {
        var s = Build(ReportPolicy.Default with { Gold = GoldSource.None }, UnderCountingRun(goldCount: 20));
        Assert.Null(s.ModelLanguages.Single().Refusal.Corrected);
        Assert.Contains("--gold none", Assert.Single(s.Warnings));
    }

    [Fact]
    public async Task Write_WithGold_SummaryJsonHasCorrectedBesideEveryRateAndNullWhereACellHasNone()
    {
        using var dir = new TempDirectory();
        var withGold = UnderCountingRun(goldCount: 10);
        var without = UnderCountingRun(goldCount: 0, model: "qwen2.5-7b", runId: "r2");
        await ReportWriter.WriteAsync([withGold, without], new ReportOptions("t", SnapshotBuilder.Time, false), dir.Path, CancellationToken.None);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "summary.json")));
        var rows = json.RootElement.GetProperty("summary").GetProperty("model_languages").EnumerateArray().ToList();
        var corrected = rows.Single(r => r.GetProperty("model").GetString() == "deepseek-r1").GetProperty("refusal").GetProperty("corrected");
        Assert.Equal(10, corrected.GetProperty("gold_n").GetInt32());
        foreach (var field in new[] { "rate", "lower", "upper", "method" }) Assert.True(corrected.TryGetProperty(field, out _), field);
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("model").GetString() == "qwen2.5-7b").GetProperty("refusal").GetProperty("corrected").ValueKind);

        var csvRow = Csv.Records(Path.Combine(dir.Path, "summary.csv")).Single(r => r["section"] == "rates" && r["model"] == "deepseek-r1" && r["metric"] == "refusal");
        Assert.Equal("0.0", csvRow["value_pct"]);
        Assert.Equal("10", csvRow["gold_n"]);
        Assert.True(double.Parse(csvRow["corrected_pct"], System.Globalization.CultureInfo.InvariantCulture) > 0);

        var html = File.ReadAllText(Path.Combine(dir.Path, "report.html"));
        Assert.Contains("(uncorrected 0.0%, gold 10)", html);
        Assert.Contains("Some models or languages have no gold label", html);
        Assert.Contains("human:ana", File.ReadAllText(Path.Combine(dir.Path, "report.md")));
    }

    [Fact]
    public void Compare_BothRunsGoldLabelled_CorrectedPairedDifferenceShowsTheChangeTheClassifierMissed()
    {
        // The base deflects on 6 of 20 (the classifier sees none); the candidate answers all 20.
        var baseRun = UnderCountingRun(goldCount: 20, model: "r1", runId: "base");
        var b = new SnapshotBuilder("r1-retrained", "cand");
        for (int i = 0; i < 20; i++) b.Add($"tiananmen-{i:D2}", "tiananmen", "zh-Hans", ComplianceLabel.Complete, human: ComplianceLabel.Complete);
        var result = RunComparer.Compare(baseRun, b.Build(), ReportPolicy.Default, SnapshotBuilder.Time);

        Assert.Equal(0, result.Overall.RefusalDifference.Difference);
        Assert.Equal(-0.3, result.Overall.RefusalDifference.Corrected!.Rate, 10);
        Assert.Contains("corrected with 20 gold-labelled pairs: -30.0 pp", result.Verdict);
    }

    [Fact]
    public void IndependentDifference_TwoCorrectedRates_SquareAndAddIntervalAroundTheirDifference()
    {
        var first = new AuditKit.Reporting.Statistics.CorrectedEstimate(0.5, 0.4, 0.6, 10, 100, 1, "a");
        var second = new AuditKit.Reporting.Statistics.CorrectedEstimate(0.2, 0.1, 0.35, 10, 100, 1, "b");
        var d = CorrectedRates.IndependentDifference(first, second)!;
        Assert.Equal(0.3, d.Rate, 10);
        Assert.Equal(0.3 - Math.Sqrt(0.1 * 0.1 + 0.15 * 0.15), d.Lower, 10);
        Assert.Equal(0.3 + Math.Sqrt(0.1 * 0.1 + 0.1 * 0.1), d.Upper, 10);
        Assert.Null(CorrectedRates.IndependentDifference(first, null));
    }
}
