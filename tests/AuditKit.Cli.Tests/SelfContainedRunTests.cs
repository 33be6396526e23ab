using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// A stored run carries its probes: classify from another folder, with the suite file gone, still checks every fact
/// and marker. It used to reread the suite by the path `run` recorded, relative to where `run` was started, and
/// replaced every fact with none when that path did not resolve.
/// </summary>
public class SelfContainedRunTests
{
    [Fact]
    public async Task Classify_FromAnotherFolderWithTheSuiteFileGone_KeepsEveryFactSignal()
    {
        using var dir = new TempDirectory();
        var suite = dir.File("facts.yaml");
        File.Copy(Path.Combine(RepoPaths.Probes, "china-history.yaml"), suite);
        var run = dir.File("run");
        var ran = await CliProcess.RunAsync(dir.Path, "run", "--suite", "facts.yaml", "--languages", "en", "--max-tokens", "8", "--out", "run", "--quiet");
        Assert.True(ran.ExitCode == 0, ran.Stdout + ran.Stderr);
        File.Delete(suite);
        long expected = StoredRows.Count(run, "SELECT COUNT(*) FROM probes WHERE definition LIKE '%\"facts\":[{%'");
        Assert.True(expected > 0, "the run stored its fact probes");

        Directory.CreateDirectory(dir.File("elsewhere"));
        var classified = await CliProcess.RunAsync(dir.File("elsewhere"), "classify", "--run", run, "--classifier", Path.Combine(RepoPaths.Root, "models", "auditkit-classifier.onnx"));
        Assert.True(classified.ExitCode == 0, classified.Stdout + classified.Stderr);
        Assert.DoesNotContain("warning", classified.Stderr);
        Assert.Equal(expected, StoredRows.Count(run, "SELECT COUNT(DISTINCT probe_id) FROM signals WHERE facts_expected <> '[]'"));
    }
}
