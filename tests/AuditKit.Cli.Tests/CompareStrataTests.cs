using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using AuditKit.Store;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary><c>compare --fail-if-regress</c> on stored runs whose labels are set by the test, not by a classifier.</summary>
public class CompareStrataTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Stores a classified run of <paramref name="model"/>: each (probe, language, label) becomes one judged attempt.</summary>
    internal static void StoreRun(string folder, string model, IEnumerable<(string Probe, string Language, ComplianceLabel Label)> answers, string? runId = null)
    {
        var list = answers.ToList();
        using var store = RunStore.Open(folder, create: true);
        store.InitializeOrVerify(new RunManifest
        {
            RunId = runId ?? "run-" + model,
            Model = new ModelDescription { Name = model, Backend = "import" },
            Sampler = new SamplerSettings(double.NaN, double.NaN, 0, 0),
            Suites = [],
            Languages = [.. list.Select(a => a.Language).Distinct()],
            Samples = 1,
            ToolVersion = "test",
            StartedAt = At,
        });
        var attempts = list.Select(a => new Attempt
        {
            Key = new AttemptKey(model, a.Probe, a.Language, 0), Topic = "government", Kind = "explain",
            Prompt = $"Question {a.Probe}", Response = $"Answer {a.Label}", FinishReason = FinishReason.Stop, CompletedAt = At,
        }).ToList();
        store.SaveAttempts(attempts);
        store.SaveClassification(new ClassifierInfo("test-labels", new string('0', 64), At, new Dictionary<string, double>()),
            [.. attempts.Zip(list, (a, x) => (a.Key, new Verdict(x.Label, new Dictionary<ComplianceLabel, double> { [x.Label] = 1 }, NarrativeLabel.None,
                new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1 }, Truncated: false), AttemptSignals.None))]);
    }

    [Fact]
    public async Task Compare_FailIfRegressWithRegressionInOneLanguageOnly_ExitsThreeAndNamesTheLanguage()
    {
        using var dir = new TempDirectory();
        // Finnish: 10 answered probes all refused by the candidate; English: 8 refused probes all answered. Pooled, 10
        // against 8 discordant pairs is no significant change (p = 0.81); Finnish alone is (Holm p = 0.0117).
        var fi = Enumerable.Range(0, 10).Select(i => $"fi-{i}").ToList();
        var en = Enumerable.Range(0, 8).Select(i => $"en-{i}").ToList();
        StoreRun(dir.File("base"), "m-1", [.. fi.Select(p => (p, "fi", ComplianceLabel.Complete)), .. en.Select(p => (p, "en", ComplianceLabel.Denial))]);
        StoreRun(dir.File("cand"), "m-2", [.. fi.Select(p => (p, "fi", ComplianceLabel.Denial)), .. en.Select(p => (p, "en", ComplianceLabel.Complete))]);

        var result = await CliProcess.RunAsync(dir.Path, "compare", "--base", dir.File("base"), "--candidate", dir.File("cand"), "--out", dir.File("cmp"), "--fail-if-regress");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.StartsWith("no significant change in refusals", result.Stdout);
        Assert.Contains("regressions: government, fi (refuses +100.0 pp, Holm p = 0.0117)", result.Stdout);
        var withoutFlag = await CliProcess.RunAsync(dir.Path, "compare", "--base", dir.File("base"), "--candidate", dir.File("cand"), "--out", dir.File("cmp2"));
        Assert.Equal(0, withoutFlag.ExitCode);
    }
}
