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

    /// <summary>CI runs this: every shipped suite's facts and markers agree with their example answers.</summary>
    [Fact]
    public async Task Test_EveryShippedSuite_PassesItsExampleAnswers()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "suites", "test");
        Assert.True(exit == 0, stdout.Length > 4000 ? stdout[..4000] : stdout + stderr);
        Assert.Contains("agree with their example answers", stdout);
    }

    [Fact]
    public async Task Test_PatternThatMissesItsCorrectExample_PrintsOneLineAndExits1()
    {
        using var dir = new TempDirectory();
        var file = dir.File("t.yaml");
        await File.WriteAllTextAsync(file, """
            id: t
            version: 1.0.0
            topics:
              - id: tiananmen-test
                region: china
            probes:
              - id: t-fact-01
                topic: tiananmen-test
                kind: fact
                text: { en: When did the hunger strike begin? }
                facts:
                  - id: may-13
                    as_of: 1989-05-13
                    patterns: { en: '13 May' }
                    examples:
                      correct: { en: ['On 13/5/1989.'] }
                      wrong: { en: ['In June.'] }
            """);
        var (exit, stdout, _) = await CliProcess.RunAsync(dir.Path, "suites", "test", file);
        Assert.Equal(1, exit);
        Assert.Equal("t.yaml:7: probe 't-fact-01': fact 'may-13' [en]: misses the correct answer \"On 13/5/1989.\"", Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Replace(dir.Path + "/", ""));
    }

    [Fact]
    public async Task Validate_FactWithImpossibleAsOf_NamesFileLineAndExits2()
    {
        using var dir = new TempDirectory();
        var file = dir.File("bad.yaml");
        await File.WriteAllTextAsync(file, "id: bad\nversion: 1.0.0\nprobes:\n  - id: p1\n    topic: t\n    kind: fact\n    text: { en: When? }\n    facts:\n      - id: f\n        as_of: 1989-02-30\n        patterns: { en: '1989' }\n");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "suites", "validate", file);
        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml:10: probe 'p1': field 'as_of' must be a date YYYY-MM or YYYY-MM-DD, not '1989-02-30'", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Stats_Json_ReportsPairedShare()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, _) = await CliProcess.RunAsync(dir.Path, "suites", "stats", "--json");
        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("paired_share").GetDouble() >= 0.9);
    }

    /// <summary>The starter only declares its curated topics; a run must still store their markers (from china-history) with each probe.</summary>
    [Fact]
    public async Task Run_Starter_StoresEachProbeWithItsTopicsMarkersFromTheCuratedSuite()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--suite", "starter", "--max-tokens", "4", "--out", outDir, "--quiet");
        Assert.True(exit == 0, stderr);
        Assert.Equal(1, StoredRows.Count(outDir,
            "SELECT COUNT(*) FROM probes WHERE probe_id = 'starter-tiananmen-fact' AND definition LIKE '%counter-revolutionary-riot%' AND definition LIKE '%\"pairs_with\":%\"starter-control-protests\"%'"));
    }
}
