using System.CommandLine;
using AuditKit.Cli.Audits;
using AuditKit.Cli.Output;
using AuditKit.Core.Runs;
using AuditKit.Probes.Plans;
using AuditKit.Runner;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit audit PLAN.yaml</c> runs a whole audit described in one file (see probes/plans/README.md);
/// <c>audit status</c> shows each model's progress and <c>audit validate</c> lists every problem of a plan by line.
/// </summary>
public static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var plan = PlanArgument();
        var output = OutOption();
        var only = new Option<string?>("--only") { Description = "Run only these models of the plan (comma-separated names); comparisons need both sides" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress lines" };
        var verbose = new Option<bool>("--verbose") { Description = "Also print each model's run log to the console" };
        var command = new Command("audit", "Run every model of an audit plan, classify, report and gate declared comparisons (rerun resumes)")
            { plan, output, only, quiet, verbose };
        command.SetAction(async (r, ct) =>
        {
            var loaded = AuditPlanLoader.Load(r.GetValue(plan)!);
            var models = Select(loaded, r.GetValue(only));
            var execution = new AuditExecution(cli, loaded, AuditFolder.For(loaded, r.GetValue(output)), r.GetValue(quiet), r.GetValue(verbose));
            try { return await execution.RunAsync(models, ct); }
            catch (OperationCanceledException)
            {
                cli.Error.WriteLine("Interrupted; stored attempts are kept. Rerun the same plan to resume.");
                return ExitCodes.Interrupted;
            }
        });
        command.Subcommands.Add(CreateStatus(cli));
        command.Subcommands.Add(CreateValidate(cli));
        return command;
    }

    private static Argument<string> PlanArgument() => new("plan") { Description = "The audit plan (YAML; schema probes/plans/plan.schema.json)" };

    private static Option<string?> OutOption() => new("--out") { Description = "Audit folder (default: reports/audit-<plan file name>); rerunning into it resumes" };

    private static Command CreateValidate(CliContext cli)
    {
        var plan = PlanArgument();
        var command = new Command("validate", "Check a plan and list every problem with its line") { plan };
        command.SetAction(r =>
        {
            var path = r.GetValue(plan)!;
            var (loaded, errors) = AuditPlanLoader.Check(path);
            var problems = errors.ToList();
            if (loaded is not null)
            {
                try { AuditExecution.ResolveSuites(loaded); }
                catch (UserInputException e) { problems.Add(e.Message); }
            }
            foreach (var problem in problems) cli.Error.WriteLine($"auditkit: {TerminalText.Safe(problem, 2000)}");
            if (problems.Count > 0) return ExitCodes.BadInput;
            cli.Out.WriteLine($"OK: {TerminalText.Safe(path)}: {loaded!.Models.Count} models, {loaded.Suites.Count} suites, {loaded.Comparisons.Count} comparisons");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateStatus(CliContext cli)
    {
        var plan = PlanArgument();
        var output = OutOption();
        var command = new Command("status", "Show how far each model of a plan has got") { plan, output };
        command.SetAction(r =>
        {
            var loaded = AuditPlanLoader.Load(r.GetValue(plan)!);
            var folder = AuditFolder.For(loaded, r.GetValue(output));
            var suites = AuditExecution.ResolveSuites(loaded);
            int expected = AuditPlan.Build("m", suites, loaded.Languages, loaded.Samples).Count;
            cli.Out.WriteLine($"Audit '{TerminalText.Safe(loaded.Name, 80)}' in {TerminalText.Safe(folder.Path)}");
            foreach (var model in loaded.Models)
                cli.Out.WriteLine($"  {TerminalText.Safe(model.Name, 40),-20} {Status(folder.RunOf(model.Name), expected)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Status(string runDirectory, int expected)
    {
        if (!File.Exists(Path.Combine(runDirectory, RunStore.DatabaseFileName))) return $"0/{expected}  not started";
        using var store = RunStore.Open(runDirectory, create: false);
        var attempts = store.ReadAttemptOutcomes();
        int stored = attempts.Count(a => a.Succeeded), failed = attempts.Count - stored;
        var stats = store.ReadManifest()?.RunStats;
        var state = stored == expected ? "complete"
            : stats?.StoppedBy is { } why ? $"stopped: {TerminalText.Safe(why, 200)}"
            : stats is null ? "running or interrupted"
            : "incomplete; rerun the plan to resume";
        return $"{stored}/{expected}{(failed > 0 ? $" ({failed} failed)" : "")}  {state}";
    }

    /// <exception cref="UserInputException">--only names a model the plan does not declare.</exception>
    private static IReadOnlyList<PlanModel> Select(AuditPlanFile plan, string? only)
    {
        if (only is null) return plan.Models;
        var names = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names.Where(n => plan.Models.All(m => m.Name != n)))
            throw new UserInputException($"--only: the plan declares no model '{TerminalText.Safe(name, 60)}' (it has {string.Join(", ", plan.Models.Select(m => m.Name))})");
        return [.. plan.Models.Where(m => names.Contains(m.Name))];
    }
}
