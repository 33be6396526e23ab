using System.CommandLine;
using AuditKit.Cli.Output;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit runs check RUN_DIR</c>: verify a run folder's store after a crash or a copy.</summary>
public static class RunsCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Argument<string>("run-dir") { Description = "Run folder" };
        var check = new Command("check", "Check the store's integrity: SQLite consistency, manifest, no orphan verdicts, unique attempts") { run };
        check.SetAction(r => Check(cli, r.GetValue(run)!));
        return new Command("runs", "Inspect stored runs") { check };
    }

    private static int Check(CliContext cli, string runDirectory)
    {
        using var store = RunStore.Open(runDirectory, create: false);
        var problems = store.CheckIntegrity();
        if (problems.Count > 0)
        {
            cli.Error.WriteLine($"auditkit: {TerminalText.Safe(runDirectory)}: {TerminalText.Safe(string.Join("; ", problems), 2000)}");
            return ExitCodes.BadInput;
        }
        // Reading everything back as export and report will (labels at once, answers one at a time) is the check they
        // would otherwise make the hard way.
        var snapshot = store.ReadSnapshot(deferTexts: true);
        int answers = snapshot.WithTexts().Count();
        cli.Out.WriteLine($"OK: {answers} attempts ({snapshot.Attempts.Count(a => !a.Attempt.Succeeded)} failed), manifest present, SQLite integrity ok");
        return ExitCodes.Success;
    }
}
