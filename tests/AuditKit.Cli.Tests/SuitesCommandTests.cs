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
    public async Task List_ShowsTheStarterSuite()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, _) = await CliProcess.RunAsync(dir.Path, "suites", "list");
        Assert.Equal(0, exit);
        Assert.Contains("starter", stdout);
    }
}
