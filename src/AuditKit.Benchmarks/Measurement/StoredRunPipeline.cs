using System.Diagnostics;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Runner;
using AuditKit.Runner.FailFast;
using Microsoft.Extensions.Logging.Abstractions;
using AuditKit.Store;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// What <c>auditkit run</c> does once the backend is loaded: a plan of one attempt per prompt, the real
/// <see cref="AuditRunner"/>, and a fresh <see cref="RunStore"/> (durable SQLite writes) in a new run folder.
/// </summary>
public static class StoredRunPipeline
{
    /// <summary>Runs the workload once into a new folder under <paramref name="scratchDirectory"/>.</summary>
    /// <returns>Wall time of the runner, the completion tokens stored and the generation time the attempts recorded.</returns>
    /// <exception cref="InvalidOperationException">An attempt failed: a throughput of failures would mean nothing.</exception>
    public static async Task<PipelineTiming> RunAsync(
        IModelBackend backend, GenerationWorkload workload, int parallel, string scratchDirectory, CancellationToken cancellationToken)
    {
        var runDirectory = Path.Combine(scratchDirectory, $"run-{Guid.NewGuid():N}");
        using var store = RunStore.Open(runDirectory, create: true);
        store.InitializeOrVerify(new RunManifest
        {
            RunId = Guid.NewGuid().ToString("N")[..12],
            Model = backend.Model,
            Sampler = workload.Sampler,
            Suites = [new SuiteReference("bench", "1", "bench", "bench")],
            Languages = ["en"],
            Samples = 1,
            ToolVersion = "bench",
            StartedAt = DateTimeOffset.UtcNow,
            IsSmokeTest = true,
        });
        var plan = workload.Prompts.Select((prompt, i) => new PlannedAttempt(
            new AttemptKey(backend.Model.Name, $"bench-{i:D2}", "en", 0),
            new Probe($"bench-{i:D2}", "bench", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = prompt }, [], []),
            prompt)).ToList();

        using var breaker = new CircuitBreaker(CircuitBreakerSettings.Off, countsHttpRequests: false);
        var runner = new AuditRunner(backend, store, TimeProvider.System, NullLogger<AuditRunner>.Instance);
        var clock = Stopwatch.StartNew();
        var outcome = await runner.RunAsync(plan, workload.Sampler, parallel, breaker, IgnoreProgress.Instance, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var attempts = store.ReadAttempts();
        if (outcome.Failed > 0)
            throw new InvalidOperationException($"{outcome.Failed} attempts failed: {attempts.First(a => a.Error is not null).Error}");
        return new PipelineTiming(elapsed, attempts.Sum(a => (long)a.CompletionTokens), TimeSpan.FromMilliseconds(attempts.Sum(a => a.DurationMs)));
    }

    // Progress<T> would post every report to the thread pool; the measured side should pay only for what run pays.
    private sealed class IgnoreProgress : IProgress<RunProgress>
    {
        public static readonly IgnoreProgress Instance = new();
        public void Report(RunProgress value) { }
    }
}
