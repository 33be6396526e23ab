using AuditKit.Backends.LlamaSharp;
using AuditKit.Benchmarks.Measurement;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure b: completion tokens per second of <c>auditkit run --parallel 8</c> (eight conversations decoded together
/// in one llama.cpp batch per step) over <c>--parallel 1</c>, both through the runner and store. On a CPU, one batched
/// decode step reads the weights once for eight tokens instead of once per token, so memory bandwidth is shared.
/// </summary>
public sealed class ParallelDecodingBenchmark : IBenchmark
{
    private const int Parallel = 8;

    public string Name => "parallel-8-vs-sequential";
    public string Description => $"auditkit run --parallel {Parallel} tokens/s over --parallel 1 (batched decoding)";
    public double? Target => 1.4;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var model = BenchmarkModels.Ensure(settings, progress);
        var workload = settings.Quick
            ? GenerationWorkload.Create(model, promptCount: 8, maxTokens: 24, settings.Threads)
            : GenerationWorkload.Create(model, promptCount: 8, maxTokens: 48, settings.Threads);

        await using var sequential = Load(model, workload, 1);
        await using var batched = Load(model, workload, Parallel);
        await StoredRunPipeline.RunAsync(sequential, workload, 1, settings.ScratchDirectory, cancellationToken);
        await StoredRunPipeline.RunAsync(batched, workload, Parallel, settings.ScratchDirectory, cancellationToken);

        var sequentialRates = new List<double>();
        var batchedRates = new List<double>();
        var pairRatios = new List<double>();
        long sequentialTokens = 0, batchedTokens = 0;
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            var ((sequentialTime, s, _), (batchedTime, b, _)) = await AlternateAsync(rep,
                () => StoredRunPipeline.RunAsync(sequential, workload, 1, settings.ScratchDirectory, cancellationToken),
                () => StoredRunPipeline.RunAsync(batched, workload, Parallel, settings.ScratchDirectory, cancellationToken));
            (sequentialTokens, batchedTokens) = (s, b);
            sequentialRates.Add(s / sequentialTime.TotalSeconds);
            batchedRates.Add(b / batchedTime.TotalSeconds);
            pairRatios.Add(batchedRates[^1] / sequentialRates[^1]);
            progress.Report($"  repetition {rep}/{settings.Repetitions}: parallel {Parallel} {Format(batchedRates[^1], 1)} tok/s, sequential {Format(sequentialRates[^1], 1)} tok/s");
        }

        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["model"] = Path.GetFileName(model),
            ["prompts"] = Count(workload.Prompts.Count),
            ["max_tokens"] = Count(workload.MaxTokens),
            ["context_per_conversation"] = Count(workload.ContextSize),
            ["threads"] = Count(workload.Threads),
            ["repetitions"] = Count(settings.Repetitions),
            ["parallel_tokens_per_s_median"] = Format(Median(batchedRates), 1),
            ["sequential_tokens_per_s_median"] = Format(Median(sequentialRates), 1),
            ["parallel_completion_tokens"] = Count(batchedTokens),
            ["sequential_completion_tokens"] = Count(sequentialTokens),
            ["ratio"] = $"median over repetitions of (parallel {Parallel} tok/s / parallel 1 tok/s)",
            ["ratio_best_of_each_side"] = Format(batchedRates.Max() / sequentialRates.Max(), 3),
        });
    }

    private static LlamaSharpBackend Load(string model, GenerationWorkload workload, int parallel) =>
        LlamaSharpBackend.Load(new LlamaSharpOptions(model, workload.ContextSize, parallel, workload.Threads, GpuLayers: 0, NativeLibraryPath: null), NullLogger.Instance);
}
