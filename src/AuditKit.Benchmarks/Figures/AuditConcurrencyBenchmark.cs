using System.Diagnostics;
using AuditKit.Backends.OpenAI;
using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Backends;
using AuditKit.Core.Suites;
using AuditKit.Runner;
using AuditKit.Runner.FailFast;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Wall time of an audit of three endpoint models run one after another over the same three run at once, as
/// <c>auditkit audit</c> schedules them (<see cref="ModelSchedule"/>: endpoints concurrently up to the plan's limit).
/// Each model is a whole <see cref="ModelRun"/> (fresh backend, fresh durable store) against its own loopback server
/// answering after 100 ms. The ideal is 3; what is lost is the machine's share of three runs' bookkeeping at once.
/// </summary>
public sealed class AuditConcurrencyBenchmark : IBenchmark
{
    private const int Models = 3;
    private const int ParallelPerModel = 8;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public string Name => "audit-3-endpoints-concurrent-vs-sequential";
    public string Description => $"audit of {Models} endpoint models (latency {Latency.TotalMilliseconds} ms, --parallel {ParallelPerModel} each) run at once over one after another";
    public double? Target => 2.5;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int attempts = ParallelPerModel * (settings.Quick ? 2 : 8);
        var servers = Enumerable.Range(0, Models).Select(_ => new LoopbackOpenAIServer { Latency = Latency }).ToList();
        try
        {
            var suite = BenchSuite(attempts);
            await AuditAsync(servers, suite, 1, settings.ScratchDirectory, cancellationToken); // warm-up
            var ratios = new List<double>();
            var concurrentTimes = new List<double>();
            var sequentialTimes = new List<double>();
            for (int rep = 1; rep <= settings.Repetitions; rep++)
            {
                var (sequential, concurrent) = await AlternateAsync(rep,
                    () => AuditAsync(servers, suite, 1, settings.ScratchDirectory, cancellationToken),
                    () => AuditAsync(servers, suite, Models, settings.ScratchDirectory, cancellationToken));
                sequentialTimes.Add(sequential.TotalSeconds);
                concurrentTimes.Add(concurrent.TotalSeconds);
                ratios.Add(sequential / concurrent);
                progress.Report($"  repetition {rep}/{settings.Repetitions}: one after another {Format(sequential.TotalSeconds, 2)} s, at once {Format(concurrent.TotalSeconds, 2)} s");
            }
            return new BenchmarkResult(Name, Median(ratios), Target, new Dictionary<string, string>
            {
                ["models"] = Count(Models),
                ["attempts_per_model"] = Count(attempts),
                ["parallel_per_model"] = Count(ParallelPerModel),
                ["server_latency_ms"] = Format(Latency.TotalMilliseconds, 0),
                ["repetitions"] = Count(settings.Repetitions),
                ["sequential_s_median"] = Format(Median(sequentialTimes), 3),
                ["concurrent_s_median"] = Format(Median(concurrentTimes), 3),
                ["ideal_ratio"] = Count(Models),
                ["ratio"] = "median over repetitions of (wall time one after another / wall time at once)",
            });
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }

    private static Suite BenchSuite(int probes) => new("bench", "1", "", [],
        [.. Enumerable.Range(0, probes).Select(i => new Probe($"bench-{i:D3}", "bench", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = $"bench prompt {i}" }, [], []))],
        "bench", "bench.yaml");

    /// <returns>Wall time until every model's run has stored its last attempt.</returns>
    /// <exception cref="InvalidOperationException">An attempt failed: failures answer faster and would flatter the figure.</exception>
    private static async Task<TimeSpan> AuditAsync(IReadOnlyList<LoopbackOpenAIServer> servers, Suite suite, int maxConcurrentEndpoints, string scratch, CancellationToken cancellationToken)
    {
        var audit = Path.Combine(scratch, $"audit-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        var results = await ModelSchedule.RunAsync(servers, _ => true, maxConcurrentEndpoints, async server =>
        {
            await using var backend = new OpenAICompatibleBackend(
                new OpenAIBackendOptions(server.BaseUrl, $"bench-model-{server.Port}", ApiKey: null, ParallelPerModel, RequestTimeout: TimeSpan.FromSeconds(30), MaxRetries: 0, AllowInsecureHttp: false),
                new SocketsHttpHandler(), TimeProvider.System, (delay, ct) => Task.Delay(delay, ct), NullLogger<OpenAICompatibleBackend>.Instance);
            using var breaker = new CircuitBreaker(CircuitBreakerSettings.Off, countsHttpRequests: true);
            var sampler = new SamplerSettings(Temperature: 0, TopP: 1, MaxTokens: 32, Seed: 42);
            var plan = AuditPlan.Build(backend.Model.Name, [suite], ["en"], 1);
            var request = new ModelRunRequest(Path.Combine(audit, server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)), plan, [suite], [.. suite.ProbesAsAsked()], ["en"], 1,
                sampler, ParallelPerModel, IsSmokeTest: true, "bench", null, new Dictionary<string, string>());
            return await new ModelRun(backend, TimeProvider.System, NullLogger<AuditRunner>.Instance)
                .RunAsync(request, breaker, new Progress<RunProgress>(), () => 0, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (results.FirstOrDefault(r => r.Stats.Failed > 0 || r.Stats.Stored != suite.Probes.Count) is { } failed)
            throw new InvalidOperationException($"a model's run did not store every attempt: {failed.Stats.Stored}/{failed.Stats.Expected}, {failed.Stats.Failed} failed");
        return elapsed;
    }
}
