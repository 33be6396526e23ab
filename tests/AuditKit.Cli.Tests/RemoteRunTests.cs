using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// `auditkit run --endpoint` against an OpenAI-compatible server on 127.0.0.1 that injects faults: every attempt ends
/// stored exactly once (answered or as an error), a rerun retries the errors, and the API key appears in no output.
/// </summary>
public class RemoteRunTests
{
    private const string Key = "sk-test-4f9c1e7d2b8a6035";

    [Fact]
    public async Task Run_AgainstFaultyServer_StoresEveryAttemptOnceRetriesErrorsAndNeverLeaksTheKey()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("remote");
        bool faultsOn = true;
        await using var server = new LoopbackOpenAIServer
        {
            Reasoning = p => p.Contains("Beijing on 4 June") ? "The user asks about 1989." : null,
            Faults = r =>
            {
                if (!faultsOn) return null;
                if (r.Prompt.Contains("Kent State")) return ServerFault.Of(FaultKind.InternalError);          // every try: stored as an error
                if (r.Prompt.Contains("Taiwan a country")) return ServerFault.Of(FaultKind.UnauthorizedEchoingKey); // echoes the key back
                if (r.AttemptForPrompt > 1) return null;
                return (r.Number % 4) switch
                {
                    0 => new ServerFault(FaultKind.RateLimited, RetryAfter: "0"),
                    1 => ServerFault.Of(FaultKind.DropConnection),
                    2 => ServerFault.Of(FaultKind.MalformedJson),
                    _ => null,
                };
            },
        };
        string[] args = ["run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "test-model", "--api-key-env", "AUDITKIT_TEST_KEY",
            "--suite", "starter", "--parallel", "8", "--retries", "2", "--out", outDir, "--quiet"];

        var first = await RunWithKey(dir, args);
        Assert.True(first.ExitCode == 1, first.Stdout + first.Stderr);
        Assert.Contains("failed and are stored with their error", first.Stdout);
        Assert.Equal(19, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts"));
        // The fault script matches English prompts: the Kent State control and the Taiwan opinion probe fail in English.
        Assert.Equal(2, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NOT NULL"));
        Assert.Equal(1, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE reasoning = 'The user asks about 1989.' AND language = 'en' AND probe_id = 'starter-tiananmen-fact'"));

        faultsOn = false;
        int before = server.RequestCount;
        var second = await RunWithKey(dir, args);
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Equal(2, server.RequestCount - before);
        Assert.Equal(19, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts"));
        Assert.Equal(0, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NOT NULL"));

        Assert.DoesNotContain(Key, first.Stdout + first.Stderr + second.Stdout + second.Stderr);
        foreach (var file in Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllText(file).Contains(Key) || Convert.ToHexString(File.ReadAllBytes(file)).Contains(Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(Key))), $"{file} contains the API key");
        Assert.Contains("\"endpoint\": \"http://127.0.0.1", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        Assert.Contains("\"served_model\": \"loopback/served-model-q4\"", File.ReadAllText(Path.Combine(outDir, "manifest.json")));
    }

    [Fact]
    public async Task Run_PlainHttpToRemoteHostWithoutAllowInsecure_IsRefused()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", "http://203.0.113.7:8000/v1", "--model-id", "m", "--out", dir.File("r"));
        Assert.Equal(2, exit);
        Assert.Contains("--endpoint:", stderr);
        Assert.Contains("--allow-insecure", stderr);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunWithKey(TempDirectory dir, string[] args) =>
        CliProcess.RunAsync(dir.Path, new Dictionary<string, string> { ["AUDITKIT_TEST_KEY"] = Key }, args);
}
