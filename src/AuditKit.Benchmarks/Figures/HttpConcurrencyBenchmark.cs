using System.Diagnostics;
using AuditKit.Backends.OpenAI;
using AuditKit.Benchmarks.Measurement;
using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure d: requests per second of the OpenAI-compatible backend with 32 requests in flight over one at a time,
/// against the loopback server answering after 100 ms (a stand-in for a remote model). The ideal is 32; what is lost
/// is the client's own per-request cost (Semantic Kernel, JSON, HTTP) and connection handling.
/// </summary>
public sealed class HttpConcurrencyBenchmark : IBenchmark
{
    private const int Concurrency = 32;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public string Name => "http-32-concurrent-vs-1";
    public string Description => $"OpenAI-compatible backend requests/s, {Concurrency} in flight over 1, server latency {Latency.TotalMilliseconds} ms";
    public double? Target => 25;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int sequentialRequests = settings.Quick ? 4 : 10;
        int concurrentRequests = Concurrency * (settings.Quick ? 2 : 6);

        await using var server = new LoopbackOpenAIServer { Latency = Latency };
        await using var oneAtATime = Create(server, 1);
        await using var concurrent = Create(server, Concurrency);
        // Warm-up opens the connections (one, then 32) so neither side pays TCP setup in the measurement.
        await SendAsync(oneAtATime, 2, 1, cancellationToken);
        await SendAsync(concurrent, Concurrency, Concurrency, cancellationToken);

        var sequentialRates = new List<double>();
        var concurrentRates = new List<double>();
        var pairRatios = new List<double>();
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            var (sequentialTime, concurrentTime) = await AlternateAsync(rep,
                () => SendAsync(oneAtATime, sequentialRequests, 1, cancellationToken),
                () => SendAsync(concurrent, concurrentRequests, Concurrency, cancellationToken));
            sequentialRates.Add(sequentialRequests / sequentialTime.TotalSeconds);
            concurrentRates.Add(concurrentRequests / concurrentTime.TotalSeconds);
            pairRatios.Add(concurrentRates[^1] / sequentialRates[^1]);
            progress.Report($"  repetition {rep}/{settings.Repetitions}: {Concurrency} in flight {Format(concurrentRates[^1], 1)} req/s, one at a time {Format(sequentialRates[^1], 1)} req/s");
        }

        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["server_latency_ms"] = Format(Latency.TotalMilliseconds, 0),
            ["concurrency"] = Count(Concurrency),
            ["concurrent_requests"] = Count(concurrentRequests),
            ["sequential_requests"] = Count(sequentialRequests),
            ["repetitions"] = Count(settings.Repetitions),
            ["concurrent_requests_per_s_median"] = Format(Median(concurrentRates), 1),
            ["sequential_requests_per_s_median"] = Format(Median(sequentialRates), 1),
            ["max_concurrent_seen_by_server"] = Count(server.MaxConcurrentRequests),
            ["ideal_ratio"] = Count(Concurrency),
            ["ratio"] = $"median over repetitions of ({Concurrency} in flight req/s / 1 at a time req/s)",
            ["ratio_best_of_each_side"] = Format(concurrentRates.Max() / sequentialRates.Max(), 3),
        });
    }

    private static OpenAICompatibleBackend Create(LoopbackOpenAIServer server, int maxParallel) => new(
        new OpenAIBackendOptions(server.BaseUrl, "bench-model", ApiKey: null, maxParallel, RequestTimeout: TimeSpan.FromSeconds(30), MaxRetries: 0, AllowInsecureHttp: false),
        new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency },
        TimeProvider.System,
        (delay, ct) => Task.Delay(delay, ct),
        NullLogger<OpenAICompatibleBackend>.Instance);

    /// <returns>Wall time until every request has been answered.</returns>
    /// <exception cref="InvalidOperationException">A request failed: failures answer faster and would flatter the figure.</exception>
    private static async Task<TimeSpan> SendAsync(OpenAICompatibleBackend backend, int requests, int inFlight, CancellationToken cancellationToken)
    {
        var sampler = new SamplerSettings(Temperature: 0, TopP: 1, MaxTokens: 32, Seed: 42);
        var clock = Stopwatch.StartNew();
        var generations = new Generation[requests];
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken }, async (i, ct) =>
            generations[i] = await backend.GenerateAsync(new GenerationRequest([ChatMessage.User($"bench prompt {i}")], sampler, i), ct).ConfigureAwait(false))
            .ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (generations.FirstOrDefault(g => g.Error is not null) is { } failed)
            throw new InvalidOperationException($"a request to the loopback server failed: {failed.Error}");
        return elapsed;
    }
}
