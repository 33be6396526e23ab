using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

public class SuitesCommandTests
{
    [Fact]
    public async Task Validate_BrokenSuiteFile_NamesFileLineAndProbeAndExits2()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.yaml");
        await File.WriteAllTextAsync(file, "id: bad\nversion: 1.0.0\nprobes:\n  - id: p1\n    topic: t\n    kind: gossip\n    text: { en: hi }\n");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "suites", "validate", file);
        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml:4: probe 'p1': unknown kind 'gossip'", stderr);
    }

    [Fact]
    public async Task Run_SuiteThatValidateRefuses_IsRefusedWithTheSameProblem()
    {
        // A fact probe without facts: omission cannot be measured, so validate refuses it, and run must not accept it.
        using var dir = new TempDirectory();
        var file = dir.File("nofacts.yaml");
        await File.WriteAllTextAsync(file, "id: nofacts\nversion: 1.0.0\ndescription: d\ntopics:\n  - id: t\n    title: T\n    region: china\nprobes:\n  - id: p1\n    topic: t\n    kind: fact\n    text: { en: Who governs Taiwan? }\n");
        var validate = await CliProcess.RunAsync(dir.Path, "suites", "validate", file);
        var run = await CliProcess.RunAsync(dir.Path, "run", "--suite", file, "--out", dir.File("run"), "--quiet");
        Assert.Equal(2, validate.ExitCode);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("probe 'p1': fact probe without expected facts", validate.Stderr);
        Assert.Contains("probe 'p1': fact probe without expected facts", run.Stderr);
        Assert.False(File.Exists(Path.Combine(dir.File("run"), "run.sqlite")));
    }

    [Fact]
    public async Task List_ShowsTheStarterSuite()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, _) = await CliProcess.RunAsync(dir.Path, "suites", "list");
        Assert.Equal(0, exit);
        Assert.Contains("starter", stdout);
    }
}
