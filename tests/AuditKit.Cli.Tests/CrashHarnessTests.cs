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
}
