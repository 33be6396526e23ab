using System.Diagnostics;
using System.Globalization;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// Kills `auditkit run` with SIGKILL at seeded random moments (start-up, model loading, mid-generation, mid-write)
/// and resumes each time; the store must end with exactly the expected attempts and pass `runs check`. The normal
/// test run does a few kills; set AUDITKIT_KILL_CYCLES=25 for the long run documented in CONTRIBUTING.md.
/// </summary>
/// <remarks>
/// Kill moments are drawn as points of progress (a number of stored attempts, plus a few random milliseconds), not
/// as wall-clock delays: a fast machine would otherwise finish the run between kills, and a slow one would only
/// ever be killed during start-up.
/// </remarks>
public class CrashHarnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Run_RepeatedlyKilledAtRandomMoments_EndsWithExactlyTheExpectedAttempts()
    {
        int cycles = LongRun.KillCycles(normal: 3);
        var rng = new Random(4061989);
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        int samples = Math.Max(6, 2 * cycles);
        string[] args = ["run", "--suite", "starter", "--samples", samples.ToString(CultureInfo.InvariantCulture), "--max-tokens", "32", "--out", outDir, "--quiet"];
        int expected = 19 * samples;

        int killedMidRun = 0, killedBeforeFirstAttempt = 0;
        for (int i = 0; i < cycles; i++)
        {
            long stored = StoredRows.Count(outDir);
            // One kill in four lands before this start stores anything (start-up, model load, first generation);
            // the rest at a random point of the work left, spread so that later kills still find work to interrupt.
            long target = rng.Next(4) == 0 ? stored : stored + 1 + rng.Next((int)Math.Max(1, (expected - stored) / (cycles - i + 1)));
            using var victim = Process.Start(CliProcess.StartInfo(dir.Path, args))!;
            var deadline = Stopwatch.StartNew();
            while (!victim.HasExited && StoredRows.Count(outDir) < target && deadline.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(5);
            await Task.Delay(rng.Next(0, 10));
            if (victim.HasExited) break; // the run finished: nothing left to interrupt
            victim.Kill(); // SIGKILL on Unix: no cleanup, no flush
            await victim.WaitForExitAsync();
            killedMidRun++;
            if (StoredRows.Count(outDir) == stored) killedBeforeFirstAttempt++;
        }

        long beforeResume = StoredRows.Count(outDir);
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, args);
        output.WriteLine($"{killedMidRun} SIGKILLs mid-run ({killedBeforeFirstAttempt} before that start stored an attempt); {beforeResume}/{expected} attempts stored before the final resume");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Stored {expected}/{expected} attempts", stdout);
        Assert.Equal(cycles, killedMidRun);
        Assert.InRange(beforeResume, 0, expected - 1);

        Assert.Equal(expected, StoredRows.Count(outDir));
        Assert.Equal(expected, StoredRows.Count(outDir, "SELECT COUNT(DISTINCT model || '|' || probe_id || '|' || language || '|' || sample) FROM attempts"));

        var check = await CliProcess.RunAsync(dir.Path, "runs", "check", outDir);
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    /// <summary>
    /// kill -9 of `report` over an earlier report, at seeded points of its progress (how many files it has written into
    /// its staging folder): each time the folder holds the whole earlier report or the whole new one, and the rerun's
    /// output equals that of a report never interrupted.
    /// </summary>
    [Fact]
    public async Task Report_RepeatedlyKilledAtRandomMoments_LeavesOneWholeReportAndTheRerunEqualsAnUninterruptedOne()
    {
        int cycles = LongRun.KillCycles(normal: 3);
        var rng = new Random(6041989);
        using var dir = new TempDirectory();
        await ImportTwentyThousandAsync(dir);
        string[] Report(string title, string folder) => ["report", "--run", dir.File("run"), "--title", title, "--out", folder];

        var reference = await CliProcess.RunAsync(dir.Path, Report("new", dir.File("reference")));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        var old = await CliProcess.RunAsync(dir.Path, Report("old", dir.File("rep")));
        Assert.True(old.ExitCode == 0, old.Stderr);
        var oldFiles = Snapshot(dir.File("rep"));
        var newFiles = Snapshot(dir.File("reference"));
        Assert.NotEqual(oldFiles["report.md"], newFiles["report.md"]);

        int killed = 0;
        for (int i = 0; i < cycles; i++)
        {
            int filesWritten = rng.Next(0, 5);
            using var victim = Process.Start(CliProcess.StartInfo(dir.Path, Report("new", dir.File("rep"))))!;
            var deadline = Stopwatch.StartNew();
            while (!victim.HasExited && StagedFiles(dir.Path) < filesWritten && deadline.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(2);
            await Task.Delay(rng.Next(0, 10));
            if (victim.HasExited) break;
            victim.Kill();
            await victim.WaitForExitAsync();
            killed++;
            var now = Snapshot(dir.File("rep"));
            Assert.True(Same(now, oldFiles) || Same(now, newFiles), $"after kill {killed} the report folder mixes outputs: {string.Join(", ", now.Keys)}");
            if (Same(now, newFiles)) break; // the swap happened just before the kill: nothing left to interrupt
        }

        var rerun = await CliProcess.RunAsync(dir.Path, Report("new", dir.File("rep")));
        output.WriteLine($"{killed} SIGKILLs during report");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.True(killed > 0);
        Assert.True(Same(Snapshot(dir.File("rep")), newFiles));
        Assert.Empty(Directory.GetDirectories(dir.Path, ".rep.auditkit-*"));
    }

    /// <summary>
    /// kill -9 of `export --output` over an earlier export, at random moments while it writes: the file is always the
    /// earlier export or the whole new one, the rerun equals an export never interrupted, and no temporary file is left.
    /// </summary>
    [Fact]
    public async Task Export_RepeatedlyKilledWhileWriting_LeavesTheEarlierFileOrTheWholeNewOne()
    {
        int cycles = LongRun.KillCycles(normal: 3);
        var rng = new Random(3122026);
        using var dir = new TempDirectory();
        await ImportTwentyThousandAsync(dir);
        string[] Export(string output) => ["export", "--run", dir.File("run"), "--output", output];
        var reference = await CliProcess.RunAsync(dir.Path, Export(dir.File("reference.jsonl")));
        Assert.True(reference.ExitCode == 0, reference.Stderr);
        string whole = File.ReadAllText(dir.File("reference.jsonl")), earlier = "an earlier export\n";
        File.WriteAllText(dir.File("out.jsonl"), earlier);

        int killed = 0;
        for (int i = 0; i < cycles; i++)
        {
            using var victim = Process.Start(CliProcess.StartInfo(dir.Path, Export(dir.File("out.jsonl"))))!;
            var deadline = Stopwatch.StartNew();
            while (!victim.HasExited && !Directory.EnumerateFiles(dir.Path, ".out.jsonl.auditkit-tmp-*").Any() && deadline.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(2);
            await Task.Delay(rng.Next(0, 150));
            if (victim.HasExited) break;
            victim.Kill();
            await victim.WaitForExitAsync();
            killed++;
            var now = File.ReadAllText(dir.File("out.jsonl"));
            Assert.True(now == earlier || now == whole, $"after kill {killed} out.jsonl holds {now.Length} characters, neither export");
            if (now == whole) break; // the rename happened just before the kill: nothing left to interrupt
        }

        var rerun = await CliProcess.RunAsync(dir.Path, Export(dir.File("out.jsonl")));
        output.WriteLine($"{killed} SIGKILLs during export");
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.True(killed > 0);
        Assert.Equal(whole, File.ReadAllText(dir.File("out.jsonl")));
        Assert.Empty(Directory.GetFiles(dir.Path, ".out.jsonl.auditkit-tmp-*"));
    }

    /// <summary>A run of 20,000 imported attempts (50 probes, 400 samples each), enough to be killed mid-write.</summary>
    private static async Task ImportTwentyThousandAsync(TempDirectory dir)
    {
        var data = dir.File("t.jsonl");
        await File.WriteAllLinesAsync(data, Enumerable.Range(0, 20_000).Select(i =>
            System.Text.Json.JsonSerializer.Serialize(new { prompt = $"question {i % 50}", probe_id = $"p{i % 50}", sample = i / 50, response = $"answer {i} " + new string('a', i % 300) })));
        var import = await CliProcess.RunAsync(dir.Path, "import", "--data", data, "--out", dir.File("run"));
        Assert.True(import.ExitCode == 0, import.Stderr);
    }

    private static int StagedFiles(string parent) =>
        Directory.GetDirectories(parent, ".rep.auditkit-new-*").Sum(d => Directory.GetFiles(d).Length);

    // The generation time differs between two reports of the same run; everything else must not.
    private static readonly System.Text.RegularExpressions.Regex Timestamp =
        new(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}| UTC)?", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(5));

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Timestamp.Replace(File.ReadAllText(f), "T"), StringComparer.Ordinal);

    private static bool Same(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var v) && v == p.Value);
}
