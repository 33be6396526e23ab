using AuditKit.Benchmarks.Servers;
using System.Diagnostics;
using AuditKit.Gguf.Format;
using AuditKit.Gguf.SmokeModels;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

public class RunCommandTests
{
    [Fact]
    public async Task Run_KilledWithSigkillMidRun_RerunEndsWithExactlyOneRowPerAttempt()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        // Long enough that a fast machine is still mid-run a few polls after the 15th attempt is stored.
        string[] args = ["run", "--suite", "starter", "--samples", "10", "--max-tokens", "16", "--out", outDir, "--quiet"];
        const int expected = 19 * 10;

        using (var victim = Process.Start(CliProcess.StartInfo(dir.Path, args))!)
        {
            var deadline = Stopwatch.StartNew();
            while (StoredRows.Count(outDir) < 15 && !victim.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
            Assert.False(victim.HasExited, "the run finished before it could be killed; make it longer");
            victim.Kill(); // SIGKILL on Unix: no cleanup, no flush
            await victim.WaitForExitAsync();
        }
        long atKill = StoredRows.Count(outDir);
        Assert.InRange(atKill, 15, expected - 1);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, args);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Stored {expected}/{expected} attempts", stdout);
        Assert.Contains("from an earlier run", stdout);
        Assert.Equal(expected, StoredRows.Count(outDir));
        Assert.Equal(expected, StoredRows.Count(outDir, "SELECT COUNT(*) FROM (SELECT DISTINCT model, probe_id, language, sample FROM attempts)"));
        Assert.Equal(0, StoredRows.Count(outDir, "SELECT COUNT(*) FROM attempts WHERE error IS NOT NULL"));
    }

    [Fact]
    public async Task Run_CorruptGguf_PrintsOneLineNamingTheFileAndExits2()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("broken.gguf");
        await File.WriteAllBytesAsync(bad, [.. "GGUF"u8, 3, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]);
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--model", bad, "--out", dir.File("r"), "--quiet");
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("auditkit: ", line);
        Assert.Contains("broken.gguf", line);
        Assert.False(Directory.Exists(dir.File("r")), "a run folder holding only its lock was left behind");
    }

    [Theory]
    [InlineData("qwen2.block_count", 0u)]
    [InlineData("qwen2.rope.dimension_count", 100_000u)]
    public async Task Run_GgufLlamaCppWouldAbortOn_PrintsOneLineNamingTheKeyAndExits2(string key, uint value)
    {
        using var dir = new TempDirectory();
        var bad = dir.File("hostile.gguf");
        SmokeModelFactory.CreateWriter(SmokeModelSpec.Tiny(SmokeModelKind.Qwen2ChatMl)).SetMetadata(key, GgufValue.FromUInt32(value)).WriteFile(bad);

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--model", bad, "--out", dir.File("r"), "--quiet");

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("auditkit: ", line);
        Assert.Contains("hostile.gguf", line);
        Assert.Contains($"'{key}' = {value}", line);
    }

    [Fact]
    public async Task Run_MissingModelFile_Exits2WithMessage()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--model", dir.File("nope.gguf"), "--out", dir.File("r"), "--quiet");
        Assert.Equal(2, exit);
        Assert.Contains("nope.gguf", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Run_ChangedSettingsOnExistingRunFolder_IsRefusedAndStoreKept()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        var first = await CliProcess.RunAsync(dir.Path, "run", "--max-tokens", "4", "--out", outDir, "--quiet");
        Assert.Equal(0, first.ExitCode);
        long rows = StoredRows.Count(outDir);

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--max-tokens", "4", "--temperature", "0.8", "--out", outDir, "--quiet");
        Assert.Equal(2, exit);
        Assert.Contains("temperature: stored '0', requested '0.8'", stderr);
        Assert.Equal(rows, StoredRows.Count(outDir));
    }

    [Fact]
    public async Task Run_UnknownLanguage_Exits2NamingTheOption()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--languages", "en,klingon", "--out", dir.File("r"));
        Assert.Equal(2, exit);
        Assert.Contains("--languages: unknown language code 'klingon'", stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100000")]
    [InlineData("-3")]
    public async Task Run_ThreadsOutsideWhatThisMachineCanUse_Exits2NamingTheOptionAndTheLimit(string threads)
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--threads", threads, "--out", dir.File("r"), "--quiet");

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        var max = 4 * Environment.ProcessorCount;
        Assert.Equal($"auditkit: --threads: {threads} is outside 1..{max} on this machine ({max} = 4 x {Environment.ProcessorCount} cores)", stderr.Trim());
    }

    [Fact]
    public async Task Run_NegativeGpuLayers_Exits2ExplainingTheValidValues()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--gpu-layers", "-2", "--out", dir.File("r"), "--quiet");

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.StartsWith("auditkit: --gpu-layers: -2 is negative (0 = no offload;", stderr.Trim());
    }

    [Fact]
    public async Task Run_ContextTimesParallelBeyondTheKvLimit_Exits2NamingBothOptionsAndTheProduct()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--context", "1048576", "--parallel", "64", "--out", dir.File("r"), "--quiet");

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        Assert.Equal("auditkit: --context x --parallel: 1048576 x 64 = 67108864 tokens of KV cache, more than the 1048576 allowed; lower one of them", stderr.Trim());
        Assert.False(Directory.Exists(dir.File("r")), "nothing is created for a refused run");
    }

    [Theory]
    [InlineData("text", "is not a shared library (no ELF header); expected a libllama.so built for Linux")]
    [InlineData("elf", "could not be loaded: ")]
    public async Task Run_NativeLibThatIsNotALlamaLibrary_PrintsOneLineNamingTheOptionAndExits2(string content, string expected)
    {
        using var dir = new TempDirectory();
        var lib = dir.File("libllama.so");
        // An ELF header followed by zeros passes the header check, so only LLamaSharp's own load can refuse it.
        await File.WriteAllBytesAsync(lib, content == "text" ? "not a library\n"u8.ToArray() : [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[120]]);

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--native-lib", lib, "--out", dir.File("r"), "--quiet");

        Assert.True(exit == 2, $"exit {exit}: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"auditkit: --native-lib: {lib} ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Run_NativeLibMissing_Exits2NamingTheOption()
    {
        using var dir = new TempDirectory();
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--native-lib", dir.File("nope.so"), "--out", dir.File("r"), "--quiet");

        Assert.Equal(2, exit);
        Assert.Equal($"auditkit: --native-lib: {dir.File("nope.so")} not found", stderr.Trim());
    }

    [SharedDataFact("tinyllama-stories260k/stories260K.gguf")]
    public async Task Run_Stories260K_StoresEveryAttemptAndTheModelHashInTheManifest()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("r1");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--model", RepoPaths.Stories260K, "--suite", "starter", "--out", outDir, "--max-tokens", "24");
        Assert.True(exit == 0, stderr);
        Assert.Contains("Stored 19/19 attempts", stdout);
        var manifest = await File.ReadAllTextAsync(Path.Combine(outDir, "manifest.json"));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(RepoPaths.Stories260K)));
        Assert.Contains($"\"sha256\": \"{sha}\"", manifest);
        Assert.Contains("\"chat_template_family\": \"fallback:plain\"", manifest);
        Assert.Contains("\"finished_at\"", manifest);
    }
}

/// <summary>
/// A second `auditkit run` on a run folder another process is writing to must refuse with exit 2 and leave the first
/// run to finish. The first run talks to a loopback server that holds every answer until the second process has
/// exited, so the two overlap on any machine speed (a fast machine once finished the first run before the second
/// started).
/// </summary>
public class ConcurrentRunTests
{
    [Fact]
    public async Task Run_SecondProcessOnTheSameRunFolder_FailsClearlyAndFirstCompletes()
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        var secondHasExited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackOpenAIServer { HoldAnswersUntil = secondHasExited.Task };
        string[] args = ["run", "--endpoint", server.BaseUrl.ToString(), "--model-id", "test-model",
            "--suite", "starter", "--out", outDir, "--quiet"];
        using var first = Process.Start(CliProcess.StartInfo(dir.Path, args))!;
        var deadline = Stopwatch.StartNew();
        while (server.RequestCount == 0 && !first.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(1)) await Task.Delay(20);
        Assert.True(server.RequestCount > 0, "the first run never reached the server");

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, args);
        secondHasExited.SetResult();
        await first.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.Contains("another auditkit process is writing to this run folder", stderr);
        Assert.Equal(0, first.ExitCode);
        var check = await CliProcess.RunAsync(dir.Path, "runs", "check", outDir);
        Assert.Equal(0, check.ExitCode);
        Assert.Contains("OK: 19 attempts (0 failed)", check.Stdout);
        Assert.True(File.Exists(Path.Combine(outDir, ".lock")));
    }
}
