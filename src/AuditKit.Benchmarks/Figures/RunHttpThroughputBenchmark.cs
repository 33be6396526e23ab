using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AuditKit.Backends.OpenAI;
using AuditKit.Benchmarks.Measurement;
using AuditKit.Benchmarks.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Attempts per second of the <c>auditkit run --endpoint ... --parallel 32</c> path (AuditRunner, a fresh durable
/// RunStore, the OpenAI-compatible backend) over a plain client: an HttpClient with 32 requests in flight that posts
/// the same chat requests to the same loopback server (100 ms latency) and only parses the JSON it gets back. What
/// is lost is everything AuditKit adds per attempt: Semantic Kernel, reasoning split, durable storage, progress.
/// </summary>
public sealed class RunHttpThroughputBenchmark : IBenchmark
{
    private const int Concurrency = 32;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public string Name => "run-http-32-vs-plain-client";
    public string Description => $"auditkit run attempts/s at --parallel {Concurrency} over a plain {Concurrency}-way HttpClient, server latency {Latency.TotalMilliseconds} ms";
    public double? Target => 0.7;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int attempts = Concurrency * (settings.Quick ? 2 : 12);
        var workload = new GenerationWorkload("loopback", [.. Enumerable.Range(0, attempts).Select(i => $"bench prompt {i}")], MaxTokens: 32, ContextSize: 0, Threads: 0);

        await using var server = new LoopbackOpenAIServer { Latency = Latency };
        // Warm-up: both code paths compiled, the server's accept loop running.
        await RunPathAsync(server, workload with { Prompts = workload.Prompts.Take(Concurrency).ToList() }, settings.ScratchDirectory, cancellationToken);
        await PlainClientAsync(server, Concurrency, cancellationToken);

        var runRates = new List<double>();
        var plainRates = new List<double>();
        var pairRatios = new List<double>();
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            var (run, plain) = await AlternateAsync(rep,
                () => RunPathAsync(server, workload, settings.ScratchDirectory, cancellationToken),
                () => PlainClientAsync(server, attempts, cancellationToken));
            runRates.Add(attempts / run.TotalSeconds);
            plainRates.Add(attempts / plain.TotalSeconds);
            pairRatios.Add(runRates[^1] / plainRates[^1]);
            progress.Report($"  repetition {rep}/{settings.Repetitions}: run {Format(runRates[^1], 1)} attempts/s, plain client {Format(plainRates[^1], 1)} requests/s");
        }

        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["server_latency_ms"] = Format(Latency.TotalMilliseconds, 0),
            ["parallel"] = Count(Concurrency),
            ["attempts"] = Count(attempts),
            ["repetitions"] = Count(settings.Repetitions),
            ["run_attempts_per_s_median"] = Format(Median(runRates), 1),
            ["plain_requests_per_s_median"] = Format(Median(plainRates), 1),
            ["ideal_requests_per_s"] = Format(Concurrency / Latency.TotalSeconds, 0),
            ["ratio"] = "median over repetitions of (run attempts/s / plain client requests/s)",
            ["ratio_best_of_each_side"] = Format(runRates.Max() / plainRates.Max(), 3),
        });
    }

    /// <summary>A new backend and a new run folder each time, as a fresh <c>auditkit run</c> would have.</summary>
    private static async Task<TimeSpan> RunPathAsync(LoopbackOpenAIServer server, GenerationWorkload workload, string scratch, CancellationToken cancellationToken)
    {
        await using var backend = new OpenAICompatibleBackend(
            new OpenAIBackendOptions(server.BaseUrl, "bench-model", ApiKey: null, Concurrency, RequestTimeout: TimeSpan.FromSeconds(30), MaxRetries: 0, AllowInsecureHttp: false),
            new SocketsHttpHandler(),
            TimeProvider.System,
            (delay, ct) => Task.Delay(delay, ct),
            NullLogger<OpenAICompatibleBackend>.Instance);
        var timing = await StoredRunPipeline.RunAsync(backend, workload, Concurrency, scratch, cancellationToken).ConfigureAwait(false);
        return timing.Elapsed;
    }

    /// <summary>The least a client must do: post the request, read the body, find the answer in it.</summary>
    /// <exception cref="InvalidOperationException">A request failed: failures answer faster and would flatter the baseline.</exception>
    private static async Task<TimeSpan> PlainClientAsync(LoopbackOpenAIServer server, int requests, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = new Uri(server.BaseUrl + "/") };
        var clock = Stopwatch.StartNew();
        await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var body = new { model = "bench-model", messages = new[] { new { role = "user", content = $"bench prompt {i}" } }, max_tokens = 32, temperature = 0.0, seed = i };
            using var response = await client.PostAsJsonAsync("chat/completions", body, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false), cancellationToken: ct).ConfigureAwait(false);
            if (document.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString() is null)
                throw new InvalidOperationException("the loopback server answered without content");
        }).ConfigureAwait(false);
        return clock.Elapsed;
    }
}
