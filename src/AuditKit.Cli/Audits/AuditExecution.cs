using AuditKit.Cli.Backends;
using AuditKit.Cli.Commands;
using AuditKit.Cli.Logging;
using AuditKit.Cli.Output;
using AuditKit.Core.Backends;
using AuditKit.Core.Suites;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Plans;
using AuditKit.Probes.Validation;
using AuditKit.Reporting.Correction;
using AuditKit.Runner;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Audits;

/// <summary>
/// <c>auditkit audit PLAN.yaml</c>: every model of the plan into its own run folder (local models one after another,
/// endpoints concurrently up to the plan's limit), then classify, one comparative report, and each declared
/// comparison, all through the same code as <c>run</c>, <c>classify</c>, <c>report</c> and <c>compare</c>.
/// </summary>
internal sealed class AuditExecution(CliContext cli, AuditPlanFile plan, AuditFolder folder, bool quiet, bool verbose)
{
    private readonly Lock _outputGate = new();

    /// <returns>3 when a gated comparison regressed, else 1 when a model failed or stopped, else 0.</returns>
    public async Task<int> RunAsync(IReadOnlyList<PlanModel> models, CancellationToken ct)
    {
        var suites = ResolveSuites(plan);
        var probes = RunCommand.ProbesAsAsked(new SuiteCatalog(ToolPaths.Probes()), suites);
        // Every key is read before anything runs: a missing variable should not surface after an hour of local decoding.
        var keys = models.ToDictionary(m => m.Name, m => m.ApiKeyEnv is null ? null
            : EndpointBackendFactory.ReadApiKey($"{plan.Path}:{m.Line}: api_key_env", m.ApiKeyEnv, "--api-key-file", null));
        var judgeKey = plan.Judge?.ApiKeyEnv is { } judgeEnv ? EndpointBackendFactory.ReadApiKey($"{plan.Path}: judge api_key_env", judgeEnv, "--judge-api-key-file", null) : null;
        foreach (var model in models)
            if (AuditPlan.Build(model.Name, suites, plan.Languages, plan.Samples).Count == 0)
                throw new UserInputException($"{plan.Path}: no probe of the plan's suites is written in the plan's languages");

        OutputPaths.WritableFolder(folder.Path, "--out");
        File.Copy(plan.Path, Path.Combine(folder.Path, AuditFolder.PlanCopyName), overwrite: true);
        File.WriteAllText(Path.Combine(folder.Path, AuditFolder.PlanHashName), $"{plan.Sha256}  {AuditFolder.PlanCopyName}\n");
        Say($"Audit '{TerminalText.Safe(plan.Name, 80)}': {models.Count} models into {TerminalText.Safe(folder.Path)}");

        var outcomes = await ModelSchedule.RunAsync(models, m => m.IsEndpoint, plan.MaxConcurrentEndpoints,
            model => RunModelAsync(model, suites, probes, keys[model.Name], ct), ct);

        var reported = outcomes.Where(o => o.HasAnswers).ToList();
        int exit = outcomes.Any(o => o.Failed) ? ExitCodes.FailedAttempts : ExitCodes.Success;
        // One classify pass per run, the judge asked in it when the plan names one (classifying again to ask it would
        // rewrite every verdict a second time).
        await using (var judge = plan.Judge is { } j && reported.Count > 0
                         ? ClassifyCommand.CreateJudge($"{plan.Path}: judge endpoint", j.Endpoint, j.ModelId, judgeKey, j.Parallel, retries: 1, j.AllowInsecure)
                         : null)
        {
            foreach (var outcome in reported)
            {
                Say(judge is null ? $"[{outcome.Name}] classifying" : $"[{outcome.Name}] classifying and asking the judge {TerminalText.Safe(plan.Judge!.ModelId, 80)}");
                if (await ClassifyCommand.ClassifyRunAsync(cli, outcome.RunDirectory, null, judge, plan.Judge?.Parallel ?? 4, plan.Judge?.Sample, ct) != ExitCodes.Success)
                    exit = ExitCodes.FailedAttempts;
            }
        }
        if (reported.Count > 0)
        {
            Say($"Report over {reported.Count} of {outcomes.Count} models ({string.Join(", ", reported.Select(o => o.Name))}):");
            if (await ReportCommand.WriteReportAsync(cli, [.. reported.Select(o => o.RunDirectory)], folder.Report, plan.Name, excel: false, GoldSource.Human, cutoffMonth: null, ct) != ExitCodes.Success)
                exit = ExitCodes.FailedAttempts;
        }

        bool regressed = false;
        foreach (var comparison in plan.Comparisons.Where(c => models.Any(m => m.Name == c.Base) && models.Any(m => m.Name == c.Candidate)))
        {
            var sides = new[] { comparison.Base, comparison.Candidate }.Select(n => reported.FirstOrDefault(o => o.Name == n)).ToList();
            if (sides.Any(s => s is null))
            {
                Say($"Comparison {comparison.FolderName} skipped: a side has no stored answers");
                exit = Math.Max(exit, ExitCodes.FailedAttempts);
                continue;
            }
            Say($"Comparison {comparison.FolderName}{(comparison.FailIfRegress ? " (gate)" : "")}:");
            int code = await ReportCommand.WriteComparisonAsync(cli, sides[0]!.RunDirectory, null, sides[1]!.RunDirectory, null,
                folder.ComparisonOf(comparison), comparison.FailIfRegress, excel: false, GoldSource.Human, ct);
            if (code == ExitCodes.Regressed) regressed = true;
            else if (code != ExitCodes.Success) exit = Math.Max(exit, code);
        }

        foreach (var outcome in outcomes.Where(o => o.Failed))
        {
            var why = outcome.Problem ?? outcome.Result?.Stats.StoppedBy;
            Say($"[{outcome.Name}] {(why is not null ? $"did not finish: {TerminalText.Safe(why, 600)}" : $"{outcome.Result!.Stats.Failed} attempts failed")}; rerun the plan to resume");
        }
        return regressed ? ExitCodes.Regressed : exit;
    }

    internal static IReadOnlyList<Suite> ResolveSuites(AuditPlanFile plan)
    {
        IReadOnlyList<LoadedSuite> loaded;
        try { loaded = new SuiteCatalog(ToolPaths.Probes()).Resolve(string.Join(',', plan.Suites)); }
        catch (SuiteFormatException e) { throw new UserInputException($"{plan.Path}:{plan.SuitesLine}: suites: {e.Message}"); }
        // The verdict of `suites validate`, as for `run`: its errors refuse the audit, its warnings do not.
        if (SuiteValidators.Errors(SuiteValidators.Run(loaded)) is { Count: > 0 } problems)
            throw new UserInputException($"{problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "")}; see auditkit suites validate");
        return [.. loaded.Select(s => s.Suite)];
    }

    private async Task<ModelRunOutcome> RunModelAsync(PlanModel model, IReadOnlyList<Suite> suites, IReadOnlyList<Probe> probes, string? apiKey, CancellationToken ct)
    {
        var runDirectory = folder.RunOf(model.Name);
        try
        {
            OutputPaths.WritableFolder(runDirectory, $"{plan.Path}:{model.Line}: model '{model.Name}'");
            using var runLock = RunLock.Acquire(runDirectory);
            using var log = new RunLog(runDirectory, verbose ? cli.Error : null, apiKey, cli.Clock);
            using var breaker = new CircuitBreaker(CircuitBreakerSettings.Default, countsHttpRequests: model.IsEndpoint);
            await using var backend = CreateBackend(model, apiKey, breaker, log);
            var attempts = AuditPlan.Build(backend.Model.Name, suites, plan.Languages, plan.Samples);
            var request = new ModelRunRequest(runDirectory, attempts, suites, probes, plan.Languages ?? [.. attempts.Select(p => p.Key.Language).Distinct()],
                plan.Samples, plan.Sampler, model.Parallel, model.IsSmoke, ToolInfo.Version, ToolInfo.GitCommit, ToolInfo.HostFacts(model.GpuLayers));
            IProgress<RunProgress> progress = quiet ? new SynchronousProgress<RunProgress>(_ => { })
                : new PercentProgress($"[{model.Name}]", 10, Say);
            var result = await new ModelRun(backend, cli.Clock, log.CreateLogger<AuditRunner>()).RunAsync(request, breaker, progress, () => log.Warnings, ct);
            Directory.CreateDirectory(Path.GetDirectoryName(folder.ManifestOf(model.Name))!);
            File.Copy(Path.Combine(runDirectory, RunStore.ManifestFileName), folder.ManifestOf(model.Name), overwrite: true);
            lock (_outputGate)
            {
                cli.Out.WriteLine($"[{model.Name}] stored {result.Stats.Stored}/{result.Stats.Expected} attempts in {TerminalText.Safe(runDirectory)}");
                foreach (var line in RunSummary.Lines(result.Stats, runDirectory)) cli.Out.WriteLine($"[{model.Name}] {line}");
                if (result.Stats.StoppedBy is { } why) cli.Error.WriteLine($"[{model.Name}] stopped early: {TerminalText.Safe(why, 600)}");
            }
            return new ModelRunOutcome(model.Name, runDirectory, result, null);
        }
        catch (Exception e) when (e is not OperationCanceledException && CliApp.IsBadInput(e))
        {
            // One model that cannot run (a missing file, a folder of another model) must not stop the others.
            lock (_outputGate) cli.Error.WriteLine($"[{model.Name}] auditkit: {TerminalText.Safe(e.Message, 2000)}");
            return new ModelRunOutcome(model.Name, runDirectory, null, e.Message);
        }
    }

    private IModelBackend CreateBackend(PlanModel model, string? apiKey, CircuitBreaker breaker, RunLog log)
    {
        var where = $"{plan.Path}:{model.Line}: endpoint";
        return model.IsEndpoint
            ? EndpointBackendFactory.Create(where, model.Endpoint!, model.ModelId!, apiKey, model.Parallel, TimeSpan.FromSeconds(model.RequestTimeoutSeconds),
                model.Retries, model.AllowInsecure, breaker, log)
            : LocalBackendFactory.Load(model.IsSmoke ? null : model.Model, model.Context, model.Parallel, model.Threads, model.GpuLayers, nativeLibrary: null, log,
                modelOption: $"{plan.Path}:{model.Line}: model", threadsOption: $"{plan.Path}:{model.Line}: threads");
    }

    private void Say(string line)
    {
        lock (_outputGate) cli.Error.WriteLine(line);
    }
}
