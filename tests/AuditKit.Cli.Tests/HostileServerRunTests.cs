using System.Diagnostics;
using System.Text.Json;
using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>What issue 11's hostile server and files did to a run, an import and an export, end to end.</summary>
public class HostileServerRunTests
{
    private static string[] RunArgs(LoopbackOpenAIServer server, string outDir, params string[] extra) =>
        ["run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "m", "--suite", "starter", "--languages", "en", "--out", outDir, "--quiet", .. extra];

    [Fact]
    public async Task Run_ServerSendingFiftyMegabyteAnswers_StoresTheCappedStartMarkedCappedAndSucceeds()
    {
        using var dir = new TempDirectory();
        await using var server = new LoopbackOpenAIServer { StreamedAnswerBytes = 50L << 20 };
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, RunArgs(server, dir.File("run"), "--parallel", "4", "--max-answer-chars", "5000"));

        Assert.True(exit == 0, stderr);
        Assert.Equal(0, StoredRows.Count(dir.File("run"), "SELECT COUNT(*) FROM attempts WHERE finish_reason <> 'Capped' OR error IS NOT NULL"));
        Assert.Equal(5000, StoredRows.Count(dir.File("run"), "SELECT MAX(length(response)) FROM attempts"));
        var check = await CliProcess.RunAsync(dir.Path, "runs", "check", dir.File("run"));
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    [Fact]
    public async Task Import_AnswerWithANulAfterSixHundredCharacters_KeepsTheTailForClassifyAndExport()
    {
        using var dir = new TempDirectory();
        var answer = "I cannot discuss that. " + new string('x', 600) + "\u0000" + "Tanks entered Tiananmen Square in 1989.";
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(new { prompt = "What happened in 1989?", response = answer }) + "\n");

        var import = await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"));
        var export = await CliProcess.RunAsync(dir.Path, "export", "--run", dir.File("run"));

        Assert.True(import.ExitCode == 0, import.Stderr);
        using var line = JsonDocument.Parse(export.Stdout.Split('\n')[0]);
        Assert.Equal(answer, line.RootElement.GetProperty("response").GetString());
    }

    [Fact]
    public async Task Import_ResponseLongerThanMaxFieldChars_IsCutAndMarkedCapped()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(new { prompt = "q", response = new string('y', 3000) }) + "\n");

        var import = await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"), "--max-field-chars", "1000");

        Assert.True(import.ExitCode == 0, import.Stderr);
        Assert.Equal(1, StoredRows.Count(dir.File("run"), "SELECT COUNT(*) FROM attempts WHERE finish_reason = 'Capped' AND length(response) = 1000 AND error IS NULL"));
    }

    [Fact]
    public async Task Export_ToStandardOutput_ShowsABidiOverrideAsAnEscapeThatReadsBackTheSame()
    {
        using var dir = new TempDirectory();
        var answer = "evil\u202e\u2066txt\u0085.exe";
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(new { prompt = "q", response = answer }) + "\n");
        await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"));

        var export = await CliProcess.RunAsync(dir.Path, "export", "--run", dir.File("run"));

        Assert.Equal(0, export.ExitCode);
        Assert.DoesNotContain('\u202e', export.Stdout);
        Assert.DoesNotContain('\u2066', export.Stdout);
        Assert.DoesNotContain('\u0085', export.Stdout);
        Assert.Contains("\\u202e", export.Stdout);
        using var line = JsonDocument.Parse(export.Stdout.Split('\n')[0]);
        Assert.Equal(answer, line.RootElement.GetProperty("response").GetString());
    }

    [Fact]
    public async Task Report_OverAnEarlierReport_ReplacesItWholeAndLeavesNoTemporaryFolder()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, JsonSerializer.Serialize(new { prompt = "q", response = "a" }) + "\n");
        await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"));
        Directory.CreateDirectory(dir.File("rep"));
        await File.WriteAllTextAsync(dir.File("rep/attempts.csv"), "old");

        var report = await CliProcess.RunAsync(dir.Path, "report", "--run", dir.File("run"), "--out", dir.File("rep"));

        Assert.True(report.ExitCode == 0, report.Stderr);
        Assert.NotEqual("old", await File.ReadAllTextAsync(dir.File("rep/attempts.csv")));
        Assert.Contains($"wrote {dir.File("rep")}/report.html", report.Stdout);
        Assert.Equal(["rep", "run", "t.jsonl"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [PrivateMountFact]
    public async Task Report_OnAFullDisk_OneLineExit2AndTheEarlierReportUntouched()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.jsonl");
        var rows = Enumerable.Range(0, 2000).Select(i => JsonSerializer.Serialize(new { prompt = $"q{i}", response = new string('a', 400) }));
        await File.WriteAllLinesAsync(data, rows);
        await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"));
        var disk = dir.File("disk");
        Directory.CreateDirectory(disk);

        // A 256 KiB tmpfs in a mount namespace of the child's own: the report (about 1 MB) cannot fit beside the old one.
        var script = $"mount -t tmpfs -o size=256k none '{disk}' && mkdir '{disk}/rep' && printf old > '{disk}/rep/attempts.csv' " +
                     $"&& dotnet '{Path.Combine(AppContext.BaseDirectory, "auditkit.dll")}' report --run '{dir.File("run")}' --out '{disk}/rep'; " +
                     $"echo \"exit=$?\"; echo disk: $(ls -A '{disk}'); echo rep: $(ls -A '{disk}/rep'); echo empty: $(find '{disk}' -type f -size 0)";
        var info = new ProcessStartInfo("unshare", ["-m", "--propagation", "private", "sh", "-c", script])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.Environment["AUDITKIT_PROBES"] = RepoPaths.Probes;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var listing = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(["exit=2", "disk: rep", "rep: attempts.csv", "empty:"], listing);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("auditkit: ", line);
        Assert.Contains("nothing was replaced", line);
    }
}
