using System.Globalization;
using System.Text.Json;
using AuditKit.Core.Runs;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Exporters;

public class ReportWriterTests
{
    private static readonly string[] AllFiles = ["report.html", "report.md", "attempts.csv", "summary.csv", "rates_wide.csv", "summary.json"];

    private static async Task<ReportResult> Write(string dir, bool excel = false, params RunSnapshot[] runs) =>
        await ReportWriter.WriteAsync(runs, new ReportOptions("Test report", SnapshotBuilder.Time, excel), dir, CancellationToken.None);

    [Fact]
    public async Task WriteAsync_TwoRuns_WritesEveryFormat()
    {
        using var tmp = new TempDirectory();
        var result = await Write(tmp.Path, false, SampleRuns.Base(), SampleRuns.Repeated());
        Assert.True(result.Export.Succeeded, string.Join("; ", result.Export.Failures.Select(f => f.Message)));
        foreach (var f in AllFiles) Assert.True(File.Exists(tmp.File(f)), f);
        var charts = Directory.GetFiles(tmp.File("charts"), "*.svg");
        Assert.Equal(6 + charts.Length, result.Export.Files.Count);
    }

    [Fact]
    public async Task WriteAsync_Charts_EachWrittenAsStandaloneSvgAndLinkedFromTheReport()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Base(), SampleRuns.Hostile());
        string html = File.ReadAllText(tmp.File("report.html"));

        var charts = Directory.GetFiles(tmp.File("charts"), "*.svg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        // Refused and aligned for each of the three languages, and the topic heat map.
        Assert.Equal(["aligned-en.svg", "aligned-zh-Hans.svg", "aligned-zh-Hant.svg", "refused-en.svg", "refused-zh-Hans.svg", "refused-zh-Hant.svg", "topics-heatmap.svg"], charts);
        foreach (var chart in charts)
        {
            var svg = System.Xml.Linq.XDocument.Load(tmp.File("charts/" + chart)); // well-formed XML, so an editor or article can take it
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Contains($"<a href=\"charts/{chart}\">", html);
        }
        Assert.Contains("evil&lt;script&gt;model", File.ReadAllText(tmp.File("charts/refused-en.svg")));
    }

    [Fact]
    public async Task WriteAsync_GermanCulture_ProducesByteIdenticalFiles()
    {
        using var invariantDir = new TempDirectory();
        using var germanDir = new TempDirectory();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            await Write(invariantDir.Path, false, SampleRuns.Base(), SampleRuns.Repeated());
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            await Write(germanDir.Path, false, SampleRuns.Base(), SampleRuns.Repeated());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
        foreach (var f in AllFiles)
            Assert.True(File.ReadAllBytes(invariantDir.File(f)).SequenceEqual(File.ReadAllBytes(germanDir.File(f))), $"{f} differs between cultures");
        Assert.Contains("38.1% [", File.ReadAllText(germanDir.File("report.md"))); // not 38,1 %
    }

    [Fact]
    public async Task WriteAsync_RatesInHtmlMarkdownAndCsv_Agree()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Base());
        var md = Between(File.ReadAllText(tmp.File("report.md")), "## Rates by model and language", "\n## ");
        var html = Between(File.ReadAllText(tmp.File("report.html")), "<table id=\"rates\">", "</table>");
        var rows = Csv.Records(tmp.File("summary.csv")).Where(r => r["section"] == "rates" && r["value_pct"] != "").ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            // summary.csv stores numbers; the reports print "value% [lower, upper]": parse the CSV back and look for that text.
            double value = double.Parse(row["value_pct"], CultureInfo.InvariantCulture);
            double lower = double.Parse(row["lower_pct"], CultureInfo.InvariantCulture);
            double upper = double.Parse(row["upper_pct"], CultureInfo.InvariantCulture);
            string shown = string.Create(CultureInfo.InvariantCulture, $"{value:0.0}% [{lower:0.0}, {upper:0.0}]");
            var mdRow = md.Split('\n').Single(l => l.StartsWith($"| {row["model"]} | {row["language"]} |", StringComparison.Ordinal));
            Assert.Contains(shown, mdRow);
            var htmlRow = html.Split("<tr>").Single(l => l.StartsWith($"<td>{row["model"]}</td><td>{row["language"]}</td>", StringComparison.Ordinal));
            Assert.Contains($"<td class=\"num\">{shown}</td>", htmlRow);
        }
        // One known value end to end: 7 DENIAL of 10 in zh-Hans tiananmen + 0 taiwan + 1 control of 21 judged.
        Assert.Contains(rows, r => r["language"] == "zh-Hans" && r["metric"] == "denial" && r["count"] == "8" && r["n"] == "21" && r["value_pct"] == "38.1");
    }

    [Fact]
    public async Task WriteAsync_AttemptsCsv_HasTidyColumnsAndOneRowPerAttempt()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Base());
        var rows = Csv.Parse(File.ReadAllText(tmp.File("attempts.csv")));
        Assert.Equal(AttemptsCsvExporter.Columns, rows[0]);
        Assert.Equal(55, rows.Count - 1);
        var unclassified = Csv.Records(tmp.File("attempts.csv")).Single(r => r["probe_id"] == "hk-02");
        Assert.Equal("", unclassified["compliance"]);
        var judged = Csv.Records(tmp.File("attempts.csv")).First(r => r["compliance"] == "DENIAL");
        Assert.Equal("0.9", judged["p_denial"]);
    }

    [Fact]
    public async Task WriteAsync_FormulaLikeAnswers_NeutralisedInCsv()
    {
        using var tmp = new TempDirectory();
        var run = new SnapshotBuilder("m", "r")
            .Add("p1", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "=HYPERLINK(\"http://evil\",\"x\")")
            .Add("p2", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "+1+1")
            .Add("p3", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "-2+3")
            .Add("p4", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "@SUM(A1)")
            .Add("p5", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "\t=1")
            .Add("p6", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "\r=1")
            .Add("p7", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete, response: "plain = fine")
            .Build();
        await Write(tmp.Path, false, run);
        var responses = Csv.Records(tmp.File("attempts.csv")).ToDictionary(r => r["probe_id"], r => r["response"]);
        foreach (var p in new[] { "p1", "p2", "p3", "p4", "p5", "p6" })
            Assert.StartsWith("'", responses[p]);
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", responses["p1"]);
        Assert.Equal("plain = fine", responses["p7"]);
    }

    [Fact]
    public async Task WriteAsync_ExcelOption_AddsByteOrderMarkOnlyWhenAsked()
    {
        using var plain = new TempDirectory();
        using var excel = new TempDirectory();
        await Write(plain.Path, false, SampleRuns.Base());
        await Write(excel.Path, true, SampleRuns.Base());
        byte[] bom = [0xEF, 0xBB, 0xBF];
        Assert.False(File.ReadAllBytes(plain.File("attempts.csv")).Take(3).SequenceEqual(bom));
        Assert.True(File.ReadAllBytes(excel.File("attempts.csv")).Take(3).SequenceEqual(bom));
        Assert.True(File.ReadAllBytes(excel.File("summary.csv")).Take(3).SequenceEqual(bom));
    }

    [Fact]
    public async Task WriteAsync_SummaryJson_VersionedWithoutAttemptsAndNullForNoData()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Base());
        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.File("summary.json")));
        Assert.Equal(1, doc.RootElement.GetProperty("schema_version").GetInt32());
        var summary = doc.RootElement.GetProperty("summary");
        Assert.False(summary.TryGetProperty("attempts", out _));
        var hk = summary.GetProperty("model_languages").EnumerateArray().First(e => e.GetProperty("language").GetString() == "en");
        Assert.Equal(21, hk.GetProperty("denial").GetProperty("n").GetInt32());
        Assert.Equal("base-7b", summary.GetProperty("runs")[0].GetProperty("manifest").GetProperty("model").GetProperty("name").GetString());
    }

    [Fact]
    public async Task WriteAsync_OneExporterThrows_OthersStillWritten()
    {
        using var tmp = new TempDirectory();
        var options = new ReportOptions("t", SnapshotBuilder.Time, false);
        IReportExporter[] exporters = [new ThrowingExporter(), .. ReportWriter.DefaultExporters(options)];
        var result = await ReportWriter.WriteAsync([SampleRuns.Base()], options, tmp.Path, exporters, CancellationToken.None);
        var failure = Assert.Single(result.Export.Failures);
        Assert.Equal("broken", failure.Exporter);
        foreach (var f in AllFiles) Assert.True(File.Exists(tmp.File(f)), f);
    }

    [Fact]
    public async Task WriteAsync_SmokeRun_SaysSoAtTheTopOfEveryReport()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Hostile(smoke: true));
        Assert.StartsWith("> **SMOKE TEST:", File.ReadAllText(tmp.File("report.md")));
        string html = File.ReadAllText(tmp.File("report.html"));
        Assert.True(html.IndexOf("id=\"smoke-test\"", StringComparison.Ordinal) < html.IndexOf("<h1>", StringComparison.Ordinal));
        Assert.Contains("pipeline", html);
        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.File("summary.json")));
        Assert.True(doc.RootElement.GetProperty("summary").GetProperty("is_smoke_test").GetBoolean());
    }

    [Fact]
    public async Task WriteAsync_RealRun_HasNoSmokeWarning()
    {
        using var tmp = new TempDirectory();
        await Write(tmp.Path, false, SampleRuns.Base());
        Assert.DoesNotContain("SMOKE TEST", File.ReadAllText(tmp.File("report.md")));
        Assert.DoesNotContain("SMOKE TEST", File.ReadAllText(tmp.File("report.html")));
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"missing {start}");
        int to = text.IndexOf(end, from + start.Length, StringComparison.Ordinal);
        return to < 0 ? text[from..] : text[from..to];
    }

    private sealed class ThrowingExporter : IReportExporter
    {
        public string Name => "broken";

        public Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken) =>
            throw new IOException("disk full");
    }
}
