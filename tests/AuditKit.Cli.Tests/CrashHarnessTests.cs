using System.Diagnostics;
using AuditKit.TestSupport;
using Microsoft.Data.Sqlite;

namespace AuditKit.Cli.Tests;

/// <summary>
/// Kills `auditkit run` with SIGKILL at seeded random moments (model loading, mid-generation, mid-write) and resumes
/// each time; the store must end with exactly the expected attempts and pass `runs check`. The normal test run does
/// a few kills; set AUDITKIT_KILL_CYCLES=25 for the long run documented in CONTRIBUTING.md.
/// </summary>
public class CrashHarnessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Run_RepeatedlyKilledAtRandomMoments_EndsWithExactlyTheExpectedAttempts()
    {
        int cycles = int.TryParse(Environment.GetEnvironmentVariable("AUDITKIT_KILL_CYCLES"), out var n) ? n : 3;
        var rng = new Random(4061989);
        using var dir = new TempDirectory();
        var outDir = dir.File("run");
        // More kills need a longer run, or the run finishes between kills and the later ones have nothing to interrupt.
        int samples = Math.Max(4, 2 * cycles);
        string[] args = ["run", "--suite", "starter", "--samples", samples.ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-tokens", "16", "--out", outDir, "--quiet"];
        int expected = 19 * samples;

        int killedMidRun = 0;
        for (int i = 0; i < cycles; i++)
        {
            using var victim = Process.Start(CliProcess.StartInfo(dir.Path, args))!;
            await Task.Delay(rng.Next(150, 900));
            if (victim.HasExited) break; // the run finished between kills: nothing left to interrupt
            victim.Kill();
            await victim.WaitForExitAsync();
            killedMidRun++;
        }

        long beforeResume = CountRows(outDir);
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, args);
        output.WriteLine($"{killedMidRun} SIGKILLs mid-run; {beforeResume}/{expected} attempts stored before the final resume");
        Assert.True(exit == 0, stderr);
        Assert.Contains($"Stored {expected}/{expected} attempts", stdout);
        Assert.True(killedMidRun >= Math.Min(cycles, 1));

        using var c = new SqliteConnection($"Data Source={Path.Combine(outDir, "run.sqlite")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*), COUNT(DISTINCT model || '|' || probe_id || '|' || language || '|' || sample) FROM attempts";
        using var r = cmd.ExecuteReader();
        r.Read();
        Assert.Equal(expected, r.GetInt64(0));
        Assert.Equal(expected, r.GetInt64(1));

        var check = await CliProcess.RunAsync(dir.Path, "runs", "check", outDir);
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    private static long CountRows(string runDir)
    {
        var db = Path.Combine(runDir, "run.sqlite");
        if (!File.Exists(db)) return 0;
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        // A kill during start-up can leave a database file whose schema was never written: that is zero attempts,
        // and the resume must cope with it (it does: the schema is created idempotently).
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'attempts'";
        if ((long)cmd.ExecuteScalar()! == 0) return 0;
        cmd.CommandText = "SELECT COUNT(*) FROM attempts";
        return (long)cmd.ExecuteScalar()!;
    }
}
