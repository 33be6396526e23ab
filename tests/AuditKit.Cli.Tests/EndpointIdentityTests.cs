using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>A run against a served model is that model wherever it is reached: another URL resumes it, another model does not.</summary>
public class EndpointIdentityTests
{
    private static string[] Args(string url, string modelId, string outDir) =>
        ["run", "--endpoint", url, "--model-id", modelId, "--suite", "starter", "--parallel", "4", "--retries", "0", "--out", outDir, "--quiet"];

    [Fact]
    public async Task Run_ResumedAgainstAnotherUrlOfTheSameModel_FinishesAndRecordsBothUrls()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("r");
        await using var first = new LoopbackOpenAIServer { Faults = r => r.Prompt.Contains("Kent State") ? ServerFault.Of(FaultKind.InternalError) : null };
        await using var second = new LoopbackOpenAIServer();

        var before = await CliProcess.RunAsync(dir.Path, Args(first.BaseUrl.ToString(), "m", outDir));
        var after = await CliProcess.RunAsync(dir.Path, Args(second.BaseUrl.ToString(), "m", outDir));

        Assert.Equal(1, before.ExitCode);
        Assert.True(after.ExitCode == 0, after.Stderr);
        Assert.Equal(1, second.RequestCount);
        Assert.Equal(19, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NULL"));
        var manifest = File.ReadAllText(Path.Combine(outDir, "manifest.json"));
        Assert.Contains($"\"endpoint\": \"{second.BaseUrl}", manifest);
        Assert.Contains($"\"earlier_endpoints\": [\n      \"{first.BaseUrl}", manifest);
    }

    [Fact]
    public async Task Run_ResumedWithAnotherModelId_IsRefused()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("r");
        await using var server = new LoopbackOpenAIServer();
        await CliProcess.RunAsync(dir.Path, Args(server.BaseUrl.ToString(), "model-a", outDir));

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, Args(server.BaseUrl.ToString(), "model-b", outDir));

        Assert.Equal(2, exit);
        Assert.Contains("model: stored 'model-a', requested 'model-b'", stderr);
    }

    [Fact]
    public async Task Run_ResumedAgainstAServerReportingAnotherServedModel_IsRefusedBeforeStoringItsAnswer()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("r");
        await using var first = new LoopbackOpenAIServer { Faults = r => r.Prompt.Contains("Kent State") ? ServerFault.Of(FaultKind.InternalError) : null };
        await using var other = new LoopbackOpenAIServer { ServedModel = "someone/else-q8" };
        await CliProcess.RunAsync(dir.Path, Args(first.BaseUrl.ToString(), "m", outDir));

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, Args(other.BaseUrl.ToString(), "m", outDir));

        Assert.Equal(2, exit);
        Assert.Contains("now serves 'someone/else-q8'", stderr);
        Assert.Equal(1, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NOT NULL"));
    }
}
