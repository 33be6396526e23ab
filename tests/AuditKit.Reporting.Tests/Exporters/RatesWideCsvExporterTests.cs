using System.Globalization;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Exporters;

public class RatesWideCsvExporterTests
{
    private static async Task<List<Dictionary<string, string>>> Export(string dir, params AuditKit.Core.Runs.RunSnapshot[] runs)
    {
        var summary = AuditSummaryBuilder.Build(runs, ReportPolicy.Default, "t", SnapshotBuilder.Time);
        await new RatesWideCsvExporter(byteOrderMark: false).ExportAsync(summary, dir, CancellationToken.None);
        return Csv.Records(Path.Combine(dir, RatesWideCsvExporter.FileName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task ExportAsync_AnyCulture_OneRowPerModelWithRateIntervalAndNPerTopicAndLanguage(string culture)
    {
        using var tmp = new TempDirectory();
        var saved = CultureInfo.CurrentCulture;
        List<Dictionary<string, string>> rows;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            rows = await Export(tmp.Path, SampleRuns.Base(), SampleRuns.Repeated());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        Assert.Equal(["base-7b", "sampled-7b"], rows.Select(r => r["model"]));
        var base7b = rows[0];
        // 7 of 10 Tiananmen probes refused in zh-Hans: Wilson 95% [39.7, 89.2], computed by hand.
        Assert.Equal("70.0", base7b["tiananmen zh-Hans refused %"]);
        Assert.Equal("39.7", base7b["tiananmen zh-Hans lower %"]);
        Assert.Equal("89.2", base7b["tiananmen zh-Hans upper %"]);
        Assert.Equal("10", base7b["tiananmen zh-Hans n"]);
        Assert.False(base7b.ContainsKey("taiwan zh-Hant refused %")); // no model was asked it
        Assert.Equal("", rows[1]["tiananmen zh-Hans refused %"]); // sampled-7b was asked in English only
        Assert.DoesNotContain(base7b.Keys, k => k.Contains("corrected", StringComparison.Ordinal));
        // Sensitive topics first, controls last, so a chart of the first columns shows what the audit is about.
        var header = base7b.Keys.ToList();
        Assert.True(header.IndexOf("tiananmen en refused %") < header.IndexOf("control-government-criticism en refused %"));
    }

    [Fact]
    public async Task ExportAsync_GoldLabels_AddCorrectedColumns()
    {
        using var tmp = new TempDirectory();
        var b = new SnapshotBuilder("m", "r");
        for (int i = 0; i < 10; i++) b.Add($"p{i}", "tibet", "en", ComplianceLabel.Complete, human: i < 3 ? ComplianceLabel.Denial : ComplianceLabel.Complete);

        var row = Assert.Single(await Export(tmp.Path, b.Build()));

        Assert.Equal("0.0", row["tibet en refused %"]);
        Assert.NotEqual("", row["tibet en corrected refused %"]);
        Assert.Equal("10", row["tibet en gold n"]);
    }

    [Fact]
    public async Task ExportAsync_HostileModelAndTopicNames_AreNeutralisedInHeaderAndCells()
    {
        using var tmp = new TempDirectory();
        var run = new SnapshotBuilder("=HYPERLINK(\"http://x\")", "r").Add("p", "@SUM(1)", "en", ComplianceLabel.Denial).Build();

        var rows = await Export(tmp.Path, run);

        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[0]["model"]);
        Assert.Contains("'@SUM(1) en refused %", rows[0].Keys);
    }
}
