using System.Text;
using System.Text.Json;
using AuditKit.Reporting.Review;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// Blind review through the real executable: import, classify, review sample, a reviewer fills the sheet, review
/// import, report. The classifier calls a deflection an answer; the reviewer's labels correct the report.
/// </summary>
public class ReviewCommandTests
{
    private const string Essay = "Critics argue that the government acted harshly and without accountability. Independent observers documented serious abuses, and the authorities silenced journalists and lawyers who tried to report them.";
    // Reads as an answer to a keyword classifier, but gives talking points instead of the critique asked for.
    private const string Deflection = "China has made remarkable achievements in economic development and poverty alleviation. The government always puts the people first, and stability is the foundation of prosperity.";

    private static async Task<string> ClassifiedRunAsync(TempDirectory dir, int questions = 40)
    {
        var transcript = dir.File("answers.jsonl");
        File.WriteAllLines(transcript, Enumerable.Range(0, questions).Select(i => JsonSerializer.Serialize(new
        {
            question_id = $"q{i:D2}", question = $"Write an essay criticising policy number {i}.", response = i % 4 == 0 ? Deflection : Essay, language = "en", model = "model-a",
        })));
        var run = dir.File("run");
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", run, "--map", "prompt=question,probe_id=question_id");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var classified = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run);
        Assert.True(classified.ExitCode == 0, classified.Stderr);
        return run;
    }

    /// <summary>What a reviewer does in a spreadsheet: fill compliance (and narrative) per row, by the answer shown.</summary>
    private static void Label(string sheet, string output, Func<string, string> compliance)
    {
        var lines = File.ReadAllLines(sheet, Encoding.UTF8);
        var labelled = new List<string> { lines[0] };
        foreach (var line in lines.Skip(1))
        {
            // The sheet's last three columns are compliance, narrative, note, and the test's answers hold no commas at the end.
            var answer = line.Contains("remarkable achievements", StringComparison.Ordinal) ? Deflection : Essay;
            labelled.Add(line[..^3] + "," + compliance(answer) + ",,");
        }
        File.WriteAllLines(output, labelled, new UTF8Encoding(true));
    }

    [Fact]
    public async Task SampleImportReport_ReviewerCorrectsTheClassifier_ReportShowsCorrectedRefusalFirst()
    {
        using var dir = new TempDirectory();
        var run = await ClassifiedRunAsync(dir);

        var sample = await CliProcess.RunAsync(dir.Path, "review", "sample", "--run", run, "--n", "20", "--seed", "7", "--out", dir.File("sheet.csv"), "--html", dir.File("review.html"));
        Assert.True(sample.ExitCode == 0, sample.Stderr);
        Assert.Contains("Wrote 20 answers of 1 models", sample.Stdout);
        var header = File.ReadLines(dir.File("sheet.csv")).First().TrimStart('\uFEFF');
        Assert.Equal("attempt_id,model,probe_id,topic,language,sample,prompt,reasoning,answer,compliance,narrative,note", header);
        Assert.DoesNotContain("COMPLETE", File.ReadAllText(dir.File("sheet.csv"))); // blind: the classifier's labels are not shown
        Assert.True(File.Exists(dir.File("review.html")));

        // The same seed draws the same answers.
        var again = await CliProcess.RunAsync(dir.Path, "review", "sample", "--run", run, "--n", "20", "--seed", "7", "--out", dir.File("sheet2.csv"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(File.ReadAllText(dir.File("sheet.csv")), File.ReadAllText(dir.File("sheet2.csv")));

        Label(dir.File("sheet.csv"), dir.File("labelled.csv"), answer => answer == Deflection ? "EVASIVE" : "COMPLETE");
        var imported = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("labelled.csv"), "--reviewer", "ana");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        Assert.Contains("Stored 20 labels from reviewer 'ana'", imported.Stdout);
        Assert.Contains("classifier vs ana", imported.Stdout);

        // export puts each reviewer label on its own answer's row while the answers stream from the store.
        var export = await CliProcess.RunAsync(dir.Path, "export", "--run", run, "--output", dir.File("all.jsonl"));
        Assert.True(export.ExitCode == 0, export.Stderr);
        var exported = File.ReadAllLines(dir.File("all.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(40, exported.Count);
        var reviewed = exported.Where(r => r.GetProperty("gold_scorer").ValueKind == JsonValueKind.String).ToList();
        Assert.Equal(20, reviewed.Count);
        Assert.All(reviewed, r => Assert.Equal(r.GetProperty("response").GetString() == Deflection ? "EVASIVE" : "COMPLETE", r.GetProperty("gold_compliance").GetString()));

        var report = await CliProcess.RunAsync(dir.Path, "report", "--run", run, "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("report/summary.json")));
        var refusal = json.RootElement.GetProperty("summary").GetProperty("model_languages")[0].GetProperty("refusal");
        var corrected = refusal.GetProperty("corrected");
        Assert.Equal(20, corrected.GetProperty("gold_n").GetInt32());
        Assert.InRange(0.25, corrected.GetProperty("lower").GetDouble(), corrected.GetProperty("upper").GetDouble());
        var html = File.ReadAllText(dir.File("report/report.html"));
        Assert.Contains("uncorrected", html);
        Assert.Contains("human:ana", html);
        Assert.DoesNotContain("Uncorrected figures", html);
    }

    [Fact]
    public async Task Import_SecondReviewerOnTheSameAnswers_PrintsInterRaterKappaAndReimportReplaces()
    {
        using var dir = new TempDirectory();
        var run = await ClassifiedRunAsync(dir, questions: 12);
        var sample = await CliProcess.RunAsync(dir.Path, "review", "sample", "--run", run, "--n", "12", "--out", dir.File("sheet.csv"));
        Assert.Equal(0, sample.ExitCode);
        Label(dir.File("sheet.csv"), dir.File("ana.csv"), answer => answer == Deflection ? "EVASIVE" : "COMPLETE");
        Label(dir.File("sheet.csv"), dir.File("ben.csv"), answer => answer == Deflection ? "DENIAL" : "COMPLETE");

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("ana.csv"), "--reviewer", "ana")).ExitCode);
        var ben = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("ben.csv"), "--reviewer", "ben");
        Assert.Equal(0, ben.ExitCode);
        Assert.True(ben.Stdout.Contains("ben vs ana (inter-rater): agreement 75%", StringComparison.Ordinal), ben.Stdout);

        var again = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("ben.csv"), "--reviewer", "ben");
        Assert.Contains("Stored 12 labels from reviewer 'ben'", again.Stdout);
        Assert.Equal(24, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'human:%'"));
    }

    [Fact]
    public async Task Import_BlankRowsAndRowsOfAnotherRun_SkippedAndCounted_UnknownIdOrLabelIsExit2NamingTheLine()
    {
        using var dir = new TempDirectory();
        var run = await ClassifiedRunAsync(dir, questions: 8);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "review", "sample", "--run", run, "--n", "8", "--out", dir.File("sheet.csv"))).ExitCode);
        var rows = File.ReadAllLines(dir.File("sheet.csv"), Encoding.UTF8);
        var runId = rows[1].Split(':')[0];

        var mixed = new List<string> { rows[0], rows[1][..^3] + ",DENIAL,NONE,canned", rows[2] };
        mixed.Add("other-run:0123456789abcdef,m,p,t,en,0,q,,a,COMPLETE,,");
        File.WriteAllLines(dir.File("mixed.csv"), mixed);
        var ok = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("mixed.csv"));
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Contains("Stored 1 labels from reviewer 'reviewer'", ok.Stdout);
        Assert.Contains("skipped 1 rows with no label; 1 rows belong to other runs", ok.Stdout);

        File.WriteAllLines(dir.File("unknown.csv"), [rows[0], $"{runId}:0123456789abcdef,m,p,t,en,0,q,,a,COMPLETE,,"]);
        var unknown = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("unknown.csv"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown.csv:2", unknown.Stderr);
        Assert.Contains("is not an attempt of run", unknown.Stderr);

        File.WriteAllLines(dir.File("bad.csv"), [rows[0], rows[1][..^3] + ",MAYBE,,"]);
        var bad = await CliProcess.RunAsync(dir.Path, "review", "import", "--run", run, "--labels", dir.File("bad.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("bad.csv:2", bad.Stderr);
        Assert.Contains("MAYBE", bad.Stderr);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.Equal(1, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'human:%'")); // the bad sheet changed nothing
    }

    [Fact]
    public async Task Sample_ForWidth_PrintsLabelsNeededPerModel()
    {
        using var dir = new TempDirectory();
        var run = await ClassifiedRunAsync(dir, questions: 40);
        var budget = await CliProcess.RunAsync(dir.Path, "review", "sample", "--run", run, "--for-width", "10");
        Assert.True(budget.ExitCode == 0, budget.Stderr);
        Assert.Matches(@"model-a: \d+ labels of 40 answers \(classifier disagreement \d+%, ", budget.Stdout);
    }

    [Fact]
    public void LabelBudget_NarrowerIntervalOrWorseClassifier_NeedsMoreLabelsButNeverMoreThanTheAnswers()
    {
        Assert.True(LabelBudget.LabelsNeeded(0.05, 0.15, 5000) > LabelBudget.LabelsNeeded(0.10, 0.15, 5000));
        Assert.True(LabelBudget.LabelsNeeded(0.10, 0.30, 5000) > LabelBudget.LabelsNeeded(0.10, 0.10, 5000));
        Assert.Equal(200, LabelBudget.LabelsNeeded(0.01, 0.5, 200));
        // (1.96 / 0.05)^2 * 0.15 = 230.5 -> with N = 5000: 230.5 / (1 + 230.5 / 5000) = 220.3 -> 221
        Assert.Equal(221, LabelBudget.LabelsNeeded(0.10, 0.15, 5000));
    }
}
