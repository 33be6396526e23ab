using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>report --cutoff through the real executable: run, classify with the shipped classifier, report.</summary>
public class ReportCutoffTests
{
    [Fact]
    public async Task Report_WithCutoff_SaysHowManyFactsItLeftOutAndPutsTheCutoffInTheTitle()
    {
        using var dir = new TempDirectory();
        var run = dir.File("run");
        var ran = await CliProcess.RunAsync(dir.Path, "run", "--suite", "starter", "--max-tokens", "4", "--out", run, "--quiet");
        Assert.True(ran.ExitCode == 0, ran.Stderr);
        var classified = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run);
        Assert.True(classified.ExitCode == 0, classified.Stderr);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "report", "--run", run, "--out", dir.File("rep"), "--cutoff", "1989-05");

        Assert.True(exit == 0, stderr);
        // The starter's Tiananmen fact 'troops-fired' is dated 1989-06-03; 'martial-law' (1989-05-20) stays.
        Assert.Contains("--cutoff 1989-05: 1 fact(s) dated later left out of the fact signals", stdout);
        Assert.Contains("(facts dated up to 1989-05)", await File.ReadAllTextAsync(Path.Combine(dir.File("rep"), "report.md")));
    }
}
