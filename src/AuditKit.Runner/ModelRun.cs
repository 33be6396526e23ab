using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using Microsoft.Extensions.Logging;

namespace AuditKit.Runner;

/// <summary>
/// One model into one run folder: opens (or resumes) the store, pins or verifies the manifest, runs every pending
/// attempt, and rewrites the manifest with the served model, the finish time and the pass's <see cref="RunStats"/>.
/// <c>auditkit run</c> and every model of <c>auditkit audit</c> go through it.
/// </summary>
public sealed class ModelRun(IModelBackend backend, TimeProvider clock, ILogger<AuditRunner> logger)
{
    /// <param name="warnings">Warnings logged so far in this pass, read once the pass ends.</param>
    /// <exception cref="RunMismatchException">The folder holds a run of another model or other settings.</exception>
    /// <exception cref="OperationCanceledException">Interrupted; what is stored stays stored and a rerun resumes.</exception>
    public async Task<ModelRunResult> RunAsync(ModelRunRequest request, CircuitBreaker breaker, IProgress<RunProgress> progress,
        Func<int> warnings, CancellationToken cancellationToken)
    {
        using var store = RunStore.Open(request.RunDirectory, create: true);
        var manifest = store.InitializeOrVerify(new RunManifest
        {
            RunId = Guid.NewGuid().ToString("N")[..12],
            Model = backend.Model,
            Sampler = request.Sampler,
            Suites = request.Suites.Select(s => new SuiteReference(s.Id, s.Version, s.ContentHash, s.SourcePath)).ToList(),
            Languages = request.Languages,
            Samples = request.Samples,
            ToolVersion = request.ToolVersion,
            GitCommit = request.GitCommit,
            Host = request.Host,
            StartedAt = clock.GetUtcNow(),
            IsSmokeTest = request.IsSmokeTest,
        });
        store.SaveProbes(request.ProbesAsAsked);
        if (manifest.Model.Endpoint is { } earlier && backend.Model.Endpoint is { } now && earlier != now)
        {
            // The run's identity is the model, not the URL (see RunFingerprint): record where this pass reaches it.
            logger.LogInformation("Resuming against {Endpoint}; earlier passes used {Earlier}", now, earlier);
            manifest = manifest with { Model = manifest.Model with { Endpoint = now, EarlierEndpoints = [.. manifest.Model.EarlierEndpoints ?? [], earlier] } };
            store.WriteManifest(manifest);
        }
        var asked = manifest.Model.ServedModel is { } served ? new ServedModelCheck(backend, served, request.RunDirectory) : backend;
        logger.LogInformation("Run {RunId} of {Model} into {RunDirectory}: {Attempts} attempts planned, parallel {Parallel}",
            manifest.RunId, backend.Model.Name, request.RunDirectory, request.Plan.Count, request.Parallel);

        var outcome = await new AuditRunner(asked, store, clock, logger)
            .RunAsync(request.Plan, request.Sampler, request.Parallel, breaker, progress, cancellationToken).ConfigureAwait(false);

        var stats = RunStatistics.Compute(store.ReadAttemptOutcomes(), request.Plan.Count, outcome, warnings());
        // Remote servers report the model they actually served only once they have answered.
        var finished = manifest with
        {
            FinishedAt = clock.GetUtcNow(),
            Model = manifest.Model with { ServedModel = backend.Model.ServedModel ?? manifest.Model.ServedModel },
            RunStats = stats,
        };
        store.WriteManifest(finished);
        logger.LogInformation("Run {RunId} ended: {Stored}/{Expected} stored, {Failed} failed{Stopped}",
            manifest.RunId, stats.Stored, stats.Expected, stats.Failed, stats.StoppedBy is { } why ? $", stopped early: {why}" : "");
        return new ModelRunResult(outcome, stats, finished);
    }
}
