using System.Text.Json;
using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// A run against an endpoint that cannot answer stops after a handful of requests with the cause in words, keeps what
/// it stored, and every run ends with a summary whose failure counts are the store's.
/// </summary>
public class FailFastTests
{
    [Fact]
    public async Task Run_ServerFailingEveryRequest_StopsAfterTheFirstFailuresNamingTheCause()
    {
        using var dir = new TempDirectory();
        await using var server = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(FaultKind.InternalError) };

        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "m",
            "--suite", "starter", "--samples", "20", "--parallel", "4", "--retries", "4", "--out", dir.File("r"), "--quiet");

        Assert.Equal(1, exit);
        Assert.Contains("Stopped early: the first 8 requests all failed: HTTP 5xx (server error): HTTP 500", stderr);
        // 380 attempts with 5 tries each would be 1,900 requests; the breaker trips at 8, with at most 4 more in flight.
        Assert.InRange(server.RequestCount, 8, 12);
        Assert.Contains("Stored 0/380 attempts", stdout);
        Assert.Contains("stopped_by", File.ReadAllText(Path.Combine(dir.File("r"), "manifest.json")));
    }

    [Fact]
    public async Task Run_NothingListening_StopsWithRefusedConnection()
    {
        using var dir = new TempDirectory();
        int port;
        await using (var closed = new LoopbackOpenAIServer()) port = closed.Port; // a port that was free a moment ago

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", $"http://127.0.0.1:{port}/v1", "--model-id", "m",
            "--suite", "starter", "--parallel", "8", "--out", dir.File("r"), "--quiet");

        Assert.Equal(1, exit);
        Assert.Contains("Stopped early: the first 8 requests all failed: refused connection", stderr);
    }

    [Fact]
    public async Task Run_OutputRedirected_PrintsOneProgressLinePerTenthWithOneEta()
    {
        using var dir = new TempDirectory();
        await using var server = new LoopbackOpenAIServer();

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "m",
            "--suite", "starter", "--samples", "10", "--parallel", "1", "--out", dir.File("r"));

        Assert.Equal(0, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("m: ", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 10, 11); // 0 %, then each tenth of 190 attempts
        Assert.All(lines, l => Assert.True(l.Split("ETA").Length <= 2, l));
        Assert.Contains("190/190 attempts (100 %)", lines[^1]);
        Assert.DoesNotContain("ETA", lines[^1]);
    }

    [Fact]
    public async Task Run_SomeAttemptsFail_SummaryAndManifestCountFailuresAsTheStoreHoldsThem()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("r");
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.Prompt.Contains("Kent State") ? ServerFault.Of(FaultKind.InternalError)
                : r.Prompt.Contains("Taiwan a country") ? ServerFault.Of(FaultKind.UnauthorizedEchoingKey)
                : null,
        };

        var (exit, stdout, _) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "m",
            "--suite", "starter", "--parallel", "2", "--retries", "1", "--out", outDir, "--quiet");

        Assert.Equal(1, exit);
        long stored500 = StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error LIKE 'HTTP 500%'");
        long stored401 = StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error LIKE 'HTTP 401%'");
        Assert.Equal(1, stored500);
        Assert.Equal(1, stored401);
        Assert.Contains("Failed: 2 (HTTP 401/403 (API key missing or refused) 1, HTTP 5xx (server error) 1)", stdout);
        Assert.Contains("Tokens: ", stdout);
        Assert.Contains("attempts/s", stdout);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        var stats = manifest.RootElement.GetProperty("run_stats");
        Assert.Equal(stored500, stats.GetProperty("failures_by_cause").GetProperty("server_error").GetInt32());
        Assert.Equal(stored401, stats.GetProperty("failures_by_cause").GetProperty("unauthorized").GetInt32());
        Assert.Equal(StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NULL"), stats.GetProperty("stored").GetInt32());
        Assert.True(stats.GetProperty("warnings").GetInt32() >= 1); // the retry of the 500 is a warning
        Assert.Contains("warn OpenAICompatibleBackend", File.ReadAllText(Path.Combine(outDir, "auditkit.log")));
    }
}
