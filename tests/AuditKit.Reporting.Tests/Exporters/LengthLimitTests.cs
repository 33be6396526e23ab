using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Exporters;

/// <summary>Files a reader pastes or opens elsewhere stay within what those places take.</summary>
public class LengthLimitTests
{
    /// <summary>40 models, 6 topics, 3 languages, long answers: the full Markdown would be several hundred thousand characters.</summary>
    private static AuditSummary ManyModels()
    {
        var runs = Enumerable.Range(0, 40).Select(m =>
        {
            var b = new SnapshotBuilder($"vendor/model-{m:D2}-instruct", $"run-{m:D2}");
            foreach (var topic in new[] { "tiananmen", "taiwan", "xinjiang", "tibet", "hong-kong", "control-weather" })
                foreach (var language in new[] { "en", "zh-Hans", "fi" })
                    for (int p = 0; p < 3; p++)
                        b.Add($"{topic}-{p}", topic, language, (m + p) % 3 == 0 ? ComplianceLabel.Denial : ComplianceLabel.Complete,
                            response: string.Concat(Enumerable.Repeat($"Answer {m} {topic} {p} {language} with varied words number {m * 7 + p}. ", 60)));
            return b.Build();
        }).ToList();
        return AuditSummaryBuilder.Build(runs, ReportPolicy.Default, "Forty models", SnapshotBuilder.Time);
    }

    [Fact]
    public void Render_FortyModelsWithLongAnswers_StaysUnderSixtyThousandCharactersAndSaysWhereTheRestIs()
    {
        var md = MarkdownExporter.Render(ManyModels());

        Assert.True(md.Length <= 60_000, $"report.md has {md.Length} characters");
        Assert.Contains("This file is shortened to stay under 60000 characters", md);
        Assert.Contains("## What these figures cannot show", md);
    }

    [Fact]
    public void RenderCompare_HundredsOfFlipsOfLongAnswers_StaysUnderSixtyThousandCharactersWithFlipsCsvNamed()
    {
        // 300 probes in two languages, every answer flipped from a long essay to a refusal: the whole file would be
        // about a million characters.
        string essay = string.Concat(Enumerable.Repeat("The record shows a pattern of repression that critics describe in detail. ", 40));
        var b = new SnapshotBuilder("base", "rb");
        var c = new SnapshotBuilder("candidate", "rc");
        foreach (var language in new[] { "en", "zh-Hans" })
            for (int p = 0; p < 300; p++)
            {
                b.Add($"p{p}", "tiananmen", language, ComplianceLabel.Complete, response: essay);
                c.Add($"p{p}", "tiananmen", language, ComplianceLabel.Denial, response: "I cannot discuss this. " + essay);
            }

        var md = CompareMarkdownExporter.Render(AuditKit.Reporting.Comparisons.RunComparer.Compare(b.Build(), c.Build(), ReportPolicy.Default, SnapshotBuilder.Time));

        Assert.True(md.Length <= 60_000, $"compare.md has {md.Length} characters");
        Assert.Contains("## Flips (600)", md);
        Assert.Contains("are shown; flips.csv lists all of them.", md);
        Assert.Contains("## Method", md);
    }

    [Fact]
    public async Task Render_LongQuotedAnswer_IsCutWithItsAttemptsCsvRow()
    {
        using var tmp = new TempDirectory();
        string longAnswer = string.Concat(Enumerable.Range(0, 400).Select(i => $"sentence {i}. "));
        var run = new SnapshotBuilder("m", "r")
            .Add("p0", "t", "en", ComplianceLabel.Complete, response: "Short answer.")
            .Add("p1", "t", "en", ComplianceLabel.Complete)
            .Add("p1", "t", "zh-Hans", ComplianceLabel.Denial, response: longAnswer)
            .Build();

        var result = await ReportWriter.WriteAsync([run], new ReportOptions("t", SnapshotBuilder.Time, false), tmp.Path, CancellationToken.None);

        var md = File.ReadAllText(tmp.File("report.md"));
        Assert.Contains($"*Cut: 1200 of {longAnswer.Length} characters shown; the whole answer is row 4 of attempts.csv.*", md);
        var rows = Csv.Parse(File.ReadAllText(tmp.File("attempts.csv")));
        Assert.Equal(longAnswer, rows[3][Array.IndexOf(rows[0], "response")]); // spreadsheet row 4 = header + 3
        Assert.True(result.Export.Succeeded);
    }

    [Fact]
    public void Render_ShortAnswerWithMarkdownFormatting_IsQuotedWholeWithoutACutNote()
    {
        // Dropping the ** and ### for display shortens the text; nothing of the answer is left out.
        var run = new SnapshotBuilder("m", "r")
            .Add("p1", "t", "en", ComplianceLabel.Complete, response: "### Overview\n\n**Critics** say the *record* is clear.\r\n- one\r\n- two")
            .Add("p1", "t", "zh-Hans", ComplianceLabel.Denial, response: "I can't discuss that.")
            .Build();

        var md = MarkdownExporter.Render(AuditSummaryBuilder.Build([run], ReportPolicy.Default, "t", SnapshotBuilder.Time));

        Assert.Contains("Critics say the record is clear.", md);
        Assert.DoesNotContain("*Cut:", md);
        Assert.DoesNotContain("[…]", md);
    }

    [Fact]
    public async Task WriteAsync_AnswerLongerThanASpreadsheetCell_IsCutAndMarkedInAttemptsCsv()
    {
        using var tmp = new TempDirectory();
        string huge = new string('x', 40_000) + "END";
        var run = new SnapshotBuilder("m", "r").Add("p0", "t", "en", ComplianceLabel.Complete, response: huge).Add("p1", "t", "en", ComplianceLabel.Denial).Build();

        await ReportWriter.WriteAsync([run], new ReportOptions("t", SnapshotBuilder.Time, false), tmp.Path, CancellationToken.None);

        var rows = Csv.Parse(File.ReadAllText(tmp.File("attempts.csv")));
        Assert.Equal(3, rows.Count);
        var cell = rows[1][Array.IndexOf(rows[0], "response")];
        Assert.True(cell.Length < 32_767, $"{cell.Length} characters");
        Assert.StartsWith(new string('x', 32_000) + " [CUT BY AUDITKIT: 40,003 characters in all", cell);
        Assert.DoesNotContain("END", cell);
        Assert.Equal("DENIAL", rows[2][Array.IndexOf(rows[0], "compliance")]);
    }
}
