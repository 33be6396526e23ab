using AuditKit.Backends.LlamaSharp;
using AuditKit.Benchmarks.Measurement;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure a: completion tokens per second of the <c>auditkit run</c> path (AuditRunner + RunStore +
/// LlamaSharpBackend at parallel 1) over a bare LLamaSharp loop, same loaded weights, prompts, context, threads and
/// greedy tokens. 1.0 means AuditKit adds nothing; the target allows 5% for queueing, detokenizing and durable writes.
/// </summary>
/// <remarks>
/// Both sides answer the same prompt back to back, in alternating order, and the figure is the median over those
/// pairs: a slow phase of a shared machine then falls on both sides of a pair instead of on one side of a whole
/// repetition. Beside it, <c>outside_generation_share</c> is measured within the run path alone (runner wall time
/// against the generation time the backend recorded), so it does not depend on two separate timings agreeing.
/// </remarks>
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
            : GenerationWorkload.Create(model, promptCount: 6, maxTokens: 64, settings.Threads);

        await using var backend = LlamaSharpBackend.Load(
            new LlamaSharpOptions(model, workload.ContextSize, Parallel: 1, workload.Threads, GpuLayers: 0, NativeLibraryPath: null),
            NullLogger.Instance);
        using var bare = BareLlamaGenerator.SharingWeightsOf(backend, model, workload.ContextSize, workload.Threads);

        // Warm-up, twice: first decodes allocate compute buffers and fault in the mapped weights, and the runner and
        // store code is compiled again, optimised, after its first calls.
        for (int i = 0; i < 2; i++)
        {
            await StoredRunPipeline.RunAsync(backend, workload, 1, settings.ScratchDirectory, cancellationToken);
            RunBare(bare, workload);
        }

        var pairRatios = new List<double>();
        var runnerRates = new List<double>();
        var bareRates = new List<double>();
        TimeSpan runnerWall = TimeSpan.Zero, runnerGeneration = TimeSpan.Zero;
        long runnerTokens = 0, bareTokens = 0;
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            for (int i = 0; i < workload.Prompts.Count; i++)
            {
                var single = workload with { Prompts = [workload.Prompts[i]] };
                var (run, bareRun) = await AlternateAsync(rep + i,
                    () => { SettleGarbageCollector(); return StoredRunPipeline.RunAsync(backend, single, 1, settings.ScratchDirectory, cancellationToken); },
                    () => { SettleGarbageCollector(); return Task.FromResult(TimeBare(bare, single)); });
                runnerRates.Add(run.CompletionTokens / run.Elapsed.TotalSeconds);
                bareRates.Add(bareRun.CompletionTokens / bareRun.Elapsed.TotalSeconds);
                pairRatios.Add(runnerRates[^1] / bareRates[^1]);
                runnerWall += run.Elapsed;
                runnerGeneration += run.GenerationTime;
                runnerTokens += run.CompletionTokens;
                bareTokens += bareRun.CompletionTokens;
            }
            progress.Report($"  repetition {rep}/{settings.Repetitions}: run {Format(Median(runnerRates), 1)} tok/s, bare {Format(Median(bareRates), 1)} tok/s (medians so far)");
        }

        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["model"] = Path.GetFileName(model),
            ["prompts"] = Count(workload.Prompts.Count),
            ["max_tokens"] = Count(workload.MaxTokens),
            ["context"] = Count(workload.ContextSize),
            ["threads"] = Count(workload.Threads),
            ["repetitions"] = Count(settings.Repetitions),
            ["pairs"] = Count(pairRatios.Count),
            ["run_tokens_per_s_median"] = Format(Median(runnerRates), 1),
            ["bare_tokens_per_s_median"] = Format(Median(bareRates), 1),
            ["run_completion_tokens"] = Count(runnerTokens),
            ["bare_completion_tokens"] = Count(bareTokens),
            ["ratio"] = "median over prompt pairs of (run tok/s / bare tok/s)",
            ["ratio_best_of_each_side"] = Format(runnerRates.Max() / bareRates.Max(), 3),
            ["ratio_quartiles"] = $"{Format(Quantile(pairRatios, 0.25), 3)}..{Format(Quantile(pairRatios, 0.75), 3)}",
            ["outside_generation_share"] = Format(1 - runnerGeneration / runnerWall, 4),
        });
    }

    // A collection owed by one side must not be paid inside the other side's timing.
    private static void SettleGarbageCollector()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static long RunBare(BareLlamaGenerator bare, GenerationWorkload workload)
    {
        long tokens = 0;
        foreach (var prompt in workload.Prompts) tokens += bare.Generate(prompt, workload.MaxTokens);
        return tokens;
    }

    private static PipelineTiming TimeBare(BareLlamaGenerator bare, GenerationWorkload workload)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tokens = RunBare(bare, workload);
        return new PipelineTiming(clock.Elapsed, tokens, clock.Elapsed);
    }
}
