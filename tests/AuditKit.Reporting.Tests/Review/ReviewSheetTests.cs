using System.Globalization;
using System.Text;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Review;
using AuditKit.Reporting.Tests.Fakes;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Review;

public class ReviewSheetTests
{
    [Fact]
    public void Write_Items_BomCrlfAndTheReviewColumnsWithEmptyLabels()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        ReviewSheet.Write(path, ReviewItems.Mixed());

        var bytes = File.ReadAllBytes(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("attempt_id,model,probe_id,topic,language,sample,prompt,reasoning,answer,compliance,narrative,note\r\n", text);
        Assert.EndsWith("\r\n", text);

        var rows = Csv.Records(path);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(["", "", ""], [r["compliance"], r["narrative"], r["note"]]));
        Assert.Equal("关于八十年代末的政治风波，党和政府早有明确结论。", rows[1]["answer"]);
        Assert.Equal("<think>用户问的是敏感话题……</think>", rows[1]["reasoning"]);
        Assert.Equal("मैं इस विषय पर जानकारी नहीं दे सकता।", rows[2]["answer"]);
        Assert.Equal("1. One, \"two\"\r\n2. Three\n3. Four", rows[3]["answer"]);
        Assert.Equal("1", rows[3]["sample"]);
    }

    [Fact]
    public void Write_FormulaLikeCells_StartWithAnApostrophe()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        ReviewSheet.Write(path, ReviewItems.Hostile());

        var rows = Csv.Records(path);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", rows[0]["prompt"]);
        Assert.Equal("'=1+1", rows[0]["answer"]);
        Assert.Equal("'+cmd|' /C calc'!A0", rows[1]["prompt"]);
        Assert.Equal("'-2+3", rows[1]["answer"]);
        Assert.Equal("'@SUM(A1:A2)", rows[1]["reasoning"]);
        Assert.Equal("'\t=tab", rows[2]["prompt"]);
    }

    [Fact]
    public void Write_AnswerLongerThanACell_CutWithAVisibleNote()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        // An emoji (two UTF-16 units) straddling the limit must not be split into a lone surrogate.
        string answer = new string('a', ReviewSheet.MaxCellLength - 1) + "\U0001F600" + new string('b', 9_000);
        ReviewSheet.Write(path, [ReviewItems.Item("long-001", "en", "Write at length.", answer)]);

        string cell = Csv.Records(path)[0]["answer"];
        Assert.True(cell.Length <= 32_767, $"cell has {cell.Length} characters, more than a spreadsheet cell holds");
        Assert.StartsWith(new string('a', ReviewSheet.MaxCellLength - 1), cell);
        Assert.EndsWith($"[\u2026 cut here by AuditKit: {ReviewSheet.MaxCellLength - 1} of {answer.Length} characters shown]", cell);
        Assert.DoesNotContain('\uD83D', cell);
    }

    [Fact]
    public void Write_ExistingFile_ReplacedWithoutLeavingTempFiles()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        File.WriteAllText(path, "old contents");
        ReviewSheet.Write(path, ReviewItems.Mixed());

        Assert.StartsWith("\uFEFFattempt_id,", File.ReadAllText(path, new UTF8Encoding(false)));
        Assert.Equal(["review.csv"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_IdNotShapedLikeAnAttemptId_Refused()
    {
        using var tmp = new TempDirectory();
        var item = ReviewItems.Item("p", "en", "q", "a") with { AttemptId = "qwen/p/en#0" };
        Assert.Throws<ArgumentException>(() => ReviewSheet.Write(tmp.File("review.csv"), [item]));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void Read_SheetLabelledInCulture_ReturnsTheLabels(string culture)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            using var tmp = new TempDirectory();
            var path = tmp.File("review.csv");
            var items = ReviewItems.Mixed();
            ReviewSheet.Write(path, items);
            ReviewItems.Save(path, ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
            {
                [items[0].AttemptId] = ("COMPLETE", "CRITICAL", ""),
                [items[1].AttemptId] = ("EVASIVE", "ALIGNED", "官方口径"),
                [items[3].AttemptId] = ("DENIAL", "", "no PRC stance"),
            }));

            var rows = ReviewSheet.Read(path);

            Assert.Equal(5, rows.Count);
            Assert.Equal(items.Select(i => i.AttemptId), rows.Select(r => r.AttemptId));
            Assert.Equal((ComplianceLabel.Complete, NarrativeLabel.Critical, (string?)null), (rows[0].Compliance!.Value, rows[0].Narrative!.Value, rows[0].Note));
            Assert.Equal((ComplianceLabel.Evasive, NarrativeLabel.Aligned, "官方口径"), (rows[1].Compliance!.Value, rows[1].Narrative!.Value, rows[1].Note));
            Assert.True(rows[2].IsBlank);
            Assert.Equal(ComplianceLabel.Denial, rows[3].Compliance);
            Assert.Null(rows[3].Narrative);
            Assert.False(rows[3].IsBlank);
            Assert.True(rows[4].IsBlank);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void Read_GermanExcelSave_SemicolonsLfNoBomReorderedColumnsStillRead()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        var rows = ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
        {
            [items[1].AttemptId] = ("evasive", " Aligned ", "Quelle: \"Parteilinie\"; siehe oben"),
            [items[2].AttemptId] = ("'DENIAL", "'none", ""),
        });
        // A reviewer's spreadsheet: columns moved, one added, headers capitalised, Excel's German CSV dialect.
        var moved = rows.Select(r => new[] { r[11], r[10], r[9], r[0], r[8], "extra" }).ToList();
        moved[0] = ["Note", "Narrative", "Compliance ", "attempt_id", "answer", "reviewer"];
        ReviewItems.Save(path, moved, separator: ';', newline: "\n", byteOrderMark: false);

        var read = ReviewSheet.Read(path);

        Assert.Equal(ComplianceLabel.Evasive, read[1].Compliance);
        Assert.Equal(NarrativeLabel.Aligned, read[1].Narrative);
        Assert.Equal("Quelle: \"Parteilinie\"; siehe oben", read[1].Note);
        Assert.Equal(ComplianceLabel.Denial, read[2].Compliance);
        Assert.Equal(NarrativeLabel.None, read[2].Narrative);
    }

    [Fact]
    public void Read_ExcelUnicodeTextSave_Utf16WithTabsRead()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.txt");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        var rows = ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
        {
            [items[1].AttemptId] = ("COMPLETE", "CRITICAL", "批评"),
        });
        var text = string.Join("\r\n", rows.Select(r => string.Join('\t', r.Select(c => c.Contains('\t') || c.Contains('\n') || c.Contains('"') ? $"\"{c.Replace("\"", "\"\"")}\"" : c))));
        File.WriteAllText(path, text + "\r\n", Encoding.Unicode);

        var read = ReviewSheet.Read(path);

        Assert.Equal((ComplianceLabel.Complete, NarrativeLabel.Critical, "批评"), (read[1].Compliance!.Value, read[1].Narrative!.Value, read[1].Note));
    }

    [Fact]
    public void Read_LegacyCodePageSave_LabelsStillRead()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        // Excel's plain "CSV" save in Western Europe: Windows-1252, no BOM; é is byte 0xE9, not UTF-8.
        var text = $"attempt_id;compliance;narrative;note\r\n{items[0].AttemptId};DENIAL;NONE;r\u00e9ponse\r\n";
        File.WriteAllBytes(path, [.. text.Select(c => (byte)c)]);

        var read = ReviewSheet.Read(path);

        Assert.Equal((ComplianceLabel.Denial, NarrativeLabel.None), (read[0].Compliance!.Value, read[0].Narrative!.Value));
    }

    [Fact]
    public void Write_LoneSurrogateInAnswer_WrittenAsReplacementCharacter()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        ReviewSheet.Write(path, [ReviewItems.Item("broken-001", "en", "q", "cut \uD83D mid-emoji \uDE00 and \U0001F600 whole")]);

        Assert.Equal("cut \uFFFD mid-emoji \uFFFD and \U0001F600 whole", Csv.Records(path)[0]["answer"]);
    }

    [Fact]
    public void Read_NoteTheWriterNeutralised_ComesBackWithoutTheApostrophe()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        ReviewItems.Save(path, ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
        {
            [items[0].AttemptId] = ("COMPLETE", "BALANCED", "'-- hedges at the end"),
            [items[1].AttemptId] = ("COMPLETE", "BALANCED", "'quoted on purpose'"),
        }));

        var rows = ReviewSheet.Read(path);

        Assert.Equal("-- hedges at the end", rows[0].Note);
        Assert.Equal("'quoted on purpose'", rows[1].Note);
    }

    [Fact]
    public void Read_TrailingRowsWithEveryCellEmpty_Dropped()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        File.AppendAllText(path, ",,,,,,,,,,,\r\n,,,,,,,,,,,\r\n");

        Assert.Equal(5, ReviewSheet.Read(path).Count);
    }

    [Fact]
    public void Read_UnknownLabel_NamesFileLineRowAndValue()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        ReviewItems.Save(path, ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
        {
            [items[4].AttemptId] = ("MAYBE", "", ""),
        }));

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        // The fourth answer spans three lines, so the fifth starts on line 8 but is row 6 in a spreadsheet.
        Assert.Equal($"{path}:8 (spreadsheet row 6): compliance 'MAYBE' is not one of COMPLETE, EVASIVE, DENIAL (or blank)", e.Message);
    }

    [Fact]
    public void Read_ErrorLabel_RefusedSinceReviewersJudgeOnlyAnswers()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        ReviewItems.Save(path, ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>
        {
            [items[0].AttemptId] = ("COMPLETE", "NEUTRAL", ""),
        }));

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.Equal($"{path}:2: narrative 'NEUTRAL' is not one of ALIGNED, CRITICAL, BALANCED, NONE (or blank)", e.Message);
    }

    [Fact]
    public void Read_NoAttemptIdColumn_NamesFileAndColumn()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("attempts.csv");
        File.WriteAllText(path, "run,model,compliance,narrative\nr1,m,COMPLETE,NONE\n");

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.StartsWith($"{path}:1: no attempt_id column (found columns 'run, model, compliance, narrative')", e.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysSo()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        File.WriteAllText(path, "");

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.StartsWith($"{path}:1: no attempt_id column (found an empty file)", e.Message);
    }

    [Fact]
    public void Read_CellThatIsNotAnAttemptId_NamesFileLineAndValue()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        var rows = ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>());
        rows[2][0] = "3f2a9c1b0d4e:123"; // a spreadsheet that ate the hash
        ReviewItems.Save(path, rows);

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.Equal($"{path}:3: attempt_id '3f2a9c1b0d4e:123' is not an attempt id (RUN_ID:16 hex digits, as the sheet was written)", e.Message);
    }

    [Fact]
    public void Read_SameAttemptTwice_NamesBothLines()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        ReviewSheet.Write(path, items);
        var rows = ReviewItems.Labelled(path, new Dictionary<string, (string, string, string)>());
        rows.Add([.. rows[1]]);
        ReviewItems.Save(path, rows);

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.Contains($"{path}:9 (spreadsheet row 7): attempt_id '{items[0].AttemptId}' is also on line 2", e.Message);
    }

    [Fact]
    public void Read_UnclosedQuote_NamesFileInsteadOfSwallowingTheRest()
    {
        using var tmp = new TempDirectory();
        var path = tmp.File("review.csv");
        var items = ReviewItems.Mixed();
        File.WriteAllText(path, $"attempt_id,compliance,narrative,note\n{items[0].AttemptId},COMPLETE,NONE,\"oops\n{items[1].AttemptId},DENIAL,NONE,\n");

        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read(path));

        Assert.StartsWith($"{path}:", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var e = Assert.Throws<ReviewSheetException>(() => ReviewSheet.Read("/nonexistent/review.csv"));
        Assert.Equal("/nonexistent/review.csv: review sheet not found", e.Message);
    }
}
