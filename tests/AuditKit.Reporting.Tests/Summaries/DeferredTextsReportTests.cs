using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Review;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Synthetic;
using AuditKit.Store;
using AuditKit.TestSupport;

namespace AuditKit.Reporting.Tests.Summaries;

/// <summary>
/// <c>auditkit report</c> reads runs without their answer texts (so that a million answers never sit in memory) and
/// fetches the texts in passes. The report must not notice: every file equals the one written from whole snapshots.
/// </summary>
public class DeferredTextsReportTests
{
    [Fact]
    public async Task Report_FromStoresWithDeferredTexts_WritesTheSameFilesAsFromWholeSnapshots()
    {
        using var dir = new TempDirectory();
        var runDirectories = Enumerable.Range(0, 3).Select(m => Store(dir.File($"run-{m}"), SyntheticRuns.Create(900, seed: 40 + m, modelName: $"vendor/model-{m}", probes: 40), reviewed: m == 0)).ToList();
        // Fewer explorer answers than attempts, so that most rows of attempts.csv can only come from the stores.
        var options = new ReportOptions("deferred", DateTimeOffset.UnixEpoch, false) { Policy = ReportPolicy.Default with { MaxExplorerAnswers = 150 } };

        var whole = runDirectories.Select(d => Read(d, deferTexts: false)).ToList();
        var deferred = runDirectories.Select(d => Read(d, deferTexts: true)).ToList();
        Assert.All(deferred.SelectMany(r => r.Attempts), a => Assert.Equal("", a.Attempt.Response));
        var fromWhole = await ReportWriter.WriteAsync(whole, options, dir.File("whole"), CancellationToken.None);
        var fromDeferred = await ReportWriter.WriteAsync(deferred, options, dir.File("deferred"), CancellationToken.None);

        Assert.True(fromWhole.Export.Succeeded && fromDeferred.Export.Succeeded);
        Assert.NotEmpty(fromDeferred.Summary.Quotes);
        Assert.All(fromDeferred.Summary.Quotes, q => Assert.NotEqual("", q.Left.Response));
        Assert.True(File.Exists(dir.File("deferred/attempts.csv")));
        AssertSameFiles(dir.File("whole"), dir.File("deferred"));
    }

    [Fact]
    public async Task Compare_FromStoresWithDeferredTexts_WritesTheSameFilesAsFromWholeSnapshots()
    {
        using var dir = new TempDirectory();
        // Two versions of one model: the same probes, other seeds, so that answers flip between them.
        var baseRun = Store(dir.File("base"), SyntheticRuns.Create(600, seed: 1, modelName: "vendor/model", probes: 30), reviewed: true);
        var candidate = Store(dir.File("candidate"), SyntheticRuns.Create(600, seed: 2, modelName: "vendor/model", probes: 30), reviewed: false);
        var options = new ComparisonOptions(DateTimeOffset.UnixEpoch, false);

        var fromWhole = await ComparisonWriter.WriteAsync(Read(baseRun, false), Read(candidate, false), options, dir.File("whole"), CancellationToken.None);
        var fromDeferred = await ComparisonWriter.WriteAsync(Read(baseRun, true), Read(candidate, true), options, dir.File("deferred"), CancellationToken.None);

        Assert.NotEmpty(fromDeferred.Result.Flips);
        Assert.All(fromDeferred.Result.Flips, f => Assert.True(f.BaseResponse.Length > 0 && f.CandidateResponse.Length > 0));
        AssertSameFiles(dir.File("whole"), dir.File("deferred"));
    }

    [Fact]
    public void ReviewSample_FromDeferredSnapshots_DrawsTheSameAnswersWithTheirTexts()
    {
        using var dir = new TempDirectory();
        // Every tenth answer empty: not reviewable, which only the answer's text can tell.
        var run = SyntheticRuns.Create(400, seed: 9, modelName: "vendor/model", probes: 25);
        run = run with { Attempts = [.. run.Attempts.Select((a, i) => i % 10 == 0 ? a with { Attempt = a.Attempt with { Response = "" } } : a)] };
        var stored = Store(dir.File("run"), run, reviewed: false);

        var fromWhole = ReviewSampler.Draw([Read(stored, false)], 120, seed: 7);
        var fromDeferred = ReviewSampler.Draw([Read(stored, true)], 120, seed: 7);

        Assert.Equal(120, fromDeferred.Count);
        Assert.Equal(fromWhole.Select(d => (d.Attempt.Attempt.Key, d.Attempt.Attempt.Response)), fromDeferred.Select(d => (d.Attempt.Attempt.Key, d.Attempt.Attempt.Response)));
        Assert.All(fromDeferred, d => Assert.NotEqual("", d.Attempt.Attempt.Response));
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var files = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order());
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
    }

    [Fact]
    public void AttemptsWithTexts_StoreChangedSinceTheSnapshot_FailsInsteadOfWritingRowsOfAnotherRun()
    {
        using var dir = new TempDirectory();
        var run = Store(dir.File("run"), SyntheticRuns.Create(40, seed: 7, modelName: "m", probes: 10), reviewed: false);
        var snapshot = Read(run, deferTexts: true);
        var summary = AuditSummaryBuilder.Build([snapshot], ReportPolicy.Default, "t", DateTimeOffset.UnixEpoch);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(run, RunStore.DatabaseFileName)};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM attempts WHERE rowid = (SELECT MAX(rowid) FROM attempts)";
            delete.ExecuteNonQuery();
        }
        var e = Assert.Throws<InvalidDataException>(() => summary.AttemptsWithTexts.Count());
        Assert.Contains("no longer stored", e.Message);
    }

    private static string Store(string directory, RunSnapshot run, bool reviewed)
    {
        using var store = RunStore.Open(directory, create: true);
        store.InitializeOrVerify(run.Manifest);
        store.SaveProbes(run.Probes.Values);
        store.SaveAttempts([.. run.Attempts.Select(a => a.Attempt)]);
        store.SaveClassification(run.Classifier!, [.. run.Attempts.Select(a => (a.Attempt.Key, a.Verdict!, a.Signals!))]);
        // A reviewer's labels on every seventh answer: the corrected rates and the gold columns take the same path.
        if (reviewed)
            store.ReplaceHumanLabels("alice", [.. run.Attempts.Where((_, i) => i % 7 == 0)
                .Select(a => (a.Attempt.Key, new HumanLabel("alice", a.Verdict!.Compliance == ComplianceLabel.Complete ? ComplianceLabel.Evasive : a.Verdict.Compliance, NarrativeLabel.Balanced, null)))],
                DateTimeOffset.UnixEpoch);
        return directory;
    }

    private static RunSnapshot Read(string directory, bool deferTexts)
    {
        using var store = RunStore.Open(directory, create: false);
        return store.ReadSnapshot(deferTexts);
    }
}
