using AuditKit.Backends.LlamaSharp;
using AuditKit.Benchmarks.Measurement;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure a: completion tokens per second of the <c>auditkit run</c> path (AuditRunner + RunStore +
/// LlamaSharpBackend at parallel 1) over a bare LLamaSharp loop, same model, prompts, context, threads and greedy
/// tokens. 1.0 means AuditKit adds nothing; the target allows 5% for queueing, detokenizing and durable writes.
/// </summary>
public sealed class RunnerOverheadBenchmark : IBenchmark
{
    public string Name => "runner-vs-bare-loop";
    public string Description => "auditkit run (runner + store + backend, parallel 1) tokens/s over a bare LLamaSharp loop";
    public double? Target => 0.95;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var model = BenchmarkModels.Ensure(settings, progress);
        var workload = settings.Quick
            ? GenerationWorkload.Create(model, promptCount: 4, maxTokens: 32, settings.Threads)
            : GenerationWorkload.Create(model, promptCount: 4, maxTokens: 64, settings.Threads);

        await using var backend = LlamaSharpBackend.Load(
            new LlamaSharpOptions(model, workload.ContextSize, Parallel: 1, workload.Threads, GpuLayers: 0, NativeLibraryPath: null),
            NullLogger.Instance);
        using var bare = BareLlamaGenerator.Load(model, workload.ContextSize, workload.Threads);

        // Warm-up: first decodes allocate compute buffers and fault in the mapped weights.
        await StoredRunPipeline.RunAsync(backend, workload, 1, settings.ScratchDirectory, cancellationToken);
        RunBare(bare, workload);

        var runnerRates = new List<double>();
        var bareRates = new List<double>();
        var pairRatios = new List<double>();
        long runnerTokens = 0, bareTokens = 0;
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            var ((runnerTime, tokens), (bareTime, bareCount)) = await AlternateAsync(rep,
                () => StoredRunPipeline.RunAsync(backend, workload, 1, settings.ScratchDirectory, cancellationToken),
                () => Task.FromResult(TimeBare(bare, workload)));
            runnerTokens = tokens;
            bareTokens = bareCount;
            runnerRates.Add(tokens / runnerTime.TotalSeconds);
            bareRates.Add(bareCount / bareTime.TotalSeconds);
            pairRatios.Add(runnerRates[^1] / bareRates[^1]);
            progress.Report($"  repetition {rep}/{settings.Repetitions}: run {Format(runnerRates[^1], 1)} tok/s, bare {Format(bareRates[^1], 1)} tok/s");
        }

        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["model"] = Path.GetFileName(model),
            ["prompts"] = Count(workload.Prompts.Count),
            ["max_tokens"] = Count(workload.MaxTokens),
            ["context"] = Count(workload.ContextSize),
            ["threads"] = Count(workload.Threads),
            ["repetitions"] = Count(settings.Repetitions),
            ["run_tokens_per_s_median"] = Format(Median(runnerRates), 1),
            ["bare_tokens_per_s_median"] = Format(Median(bareRates), 1),
            ["run_completion_tokens"] = Count(runnerTokens),
            ["bare_completion_tokens"] = Count(bareTokens),
            ["ratio"] = "median over repetitions of (run tok/s / bare tok/s)",
            ["ratio_best_of_each_side"] = Format(runnerRates.Max() / bareRates.Max(), 3),
        });
    }

    private static long RunBare(BareLlamaGenerator bare, GenerationWorkload workload)
    {
        long tokens = 0;
        foreach (var prompt in workload.Prompts) tokens += bare.Generate(prompt, workload.MaxTokens);
        return tokens;
    }

    private static (TimeSpan Elapsed, long CompletionTokens) TimeBare(BareLlamaGenerator bare, GenerationWorkload workload)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tokens = RunBare(bare, workload);
        return (clock.Elapsed, tokens);
    }
}
