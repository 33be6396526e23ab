using System.Text.Json;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

public class ExportCommandTests
{
    [Fact]
    public async Task Export_JsonlAndCsv_HoldOneRecordPerStoredAttemptWithTheDocumentedFields()
    {
        using var dir = new TempDirectory();
        var run = dir.File("run");
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "run", "--max-tokens", "8", "--out", run, "--quiet")).ExitCode);

        var jsonl = dir.File("a.jsonl");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "export", "--run", run, "--format", "jsonl", "--output", jsonl);
        Assert.True(exit == 0, stderr);
        var records = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(19, records.Count);
        foreach (var field in new[] { "probe_id", "topic", "language", "sample", "model", "prompt", "reasoning", "response", "error", "compliance", "narrative" })
            Assert.True(records[0].TryGetProperty(field, out _), $"missing {field}");
        Assert.Contains(records, r => r.GetProperty("language").GetString() == "zh-Hant" && r.GetProperty("prompt").GetString()!.Contains("北京"));
        Assert.Equal(19, records.Select(r => (r.GetProperty("probe_id").GetString(), r.GetProperty("language").GetString())).Distinct().Count());

        var csv = dir.File("a.csv");
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "export", "--run", run, "--format", "csv", "--output", csv)).ExitCode);
        var header = File.ReadLines(csv).First();
        Assert.StartsWith("run,model,probe_id,topic,kind,language,sample,prompt,reasoning,response,error", header);
    }

    [Fact]
    public async Task Export_NotARunFolder_Exits2()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "export", "--run", dir.Path);
        Assert.Equal(2, exit);
        Assert.Contains("not a run folder", stderr);
    }
}
