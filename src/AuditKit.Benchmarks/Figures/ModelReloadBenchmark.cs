using System.Diagnostics;
using AuditKit.Benchmarks.Measurement;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure c: prompts per second with the model loaded once for all prompts (as AuditKit does) over loading it afresh
/// for every prompt (as garak's llama.cpp generator does, which starts the llama.cpp binary per prompt). Both sides
/// are the bare LLamaSharp loop, so the ratio isolates the cost of loading; the load in the loaded-once side is
/// counted too. Process start-up is not, so the real cost of per-prompt reloading is higher still. No target.
/// </summary>
public sealed class ModelReloadBenchmark : IBenchmark
{
    public string Name => "load-once-vs-reload-per-prompt";
    public string Description => "prompts/s with the model loaded once over reloading it for every prompt (garak's way)";
    public double? Target => null;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var model = BenchmarkModels.Ensure(settings, progress);
        var workload = settings.Quick
            ? GenerationWorkload.Create(model, promptCount: 4, maxTokens: 32, settings.Threads)
            : GenerationWorkload.Create(model, promptCount: 4, maxTokens: 32, settings.Threads);

        // Warm-up: the file ends up in the page cache, as it would after the first of many reloads.
        LoadedOnce(workload, cancellationToken);

        var onceTimes = new List<double>();
        var reloadTimes = new List<double>();
        var pairRatios = new List<double>();
        var loadMs = new List<double>();
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            var (once, reload) = await AlternateAsync(rep,
                () => Task.FromResult(LoadedOnce(workload, cancellationToken)),
                () => Task.FromResult(ReloadedPerPrompt(workload, loadMs, cancellationToken)));
            onceTimes.Add(once.TotalSeconds);
            reloadTimes.Add(reload.TotalSeconds);
            pairRatios.Add(reload / once);
            progress.Report($"  repetition {rep}/{settings.Repetitions}: loaded once {Format(once.TotalSeconds)} s, reloaded per prompt {Format(reload.TotalSeconds)} s");
        }

        var prompts = workload.Prompts.Count;
        return new BenchmarkResult(Name, Median(pairRatios), Target, new Dictionary<string, string>
        {
            ["model"] = Path.GetFileName(model),
            ["model_bytes"] = Count(new FileInfo(model).Length),
            ["prompts"] = Count(prompts),
            ["max_tokens"] = Count(workload.MaxTokens),
            ["threads"] = Count(workload.Threads),
            ["repetitions"] = Count(settings.Repetitions),
            ["loaded_once_prompts_per_s_median"] = Format(prompts / Median(onceTimes)),
            ["reloaded_prompts_per_s_median"] = Format(prompts / Median(reloadTimes)),
            ["load_ms_median"] = Format(Median(loadMs), 1),
            ["ratio"] = "median over repetitions of (reloaded wall time / loaded-once wall time, load included)",
            ["ratio_best_of_each_side"] = Format(reloadTimes.Min() / onceTimes.Min(), 3),
        });
    }

    private static TimeSpan LoadedOnce(GenerationWorkload workload, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var generator = BareLlamaGenerator.Load(workload.ModelPath, workload.ContextSize, workload.Threads);
        foreach (var prompt in workload.Prompts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            generator.Generate(prompt, workload.MaxTokens);
        }
        return clock.Elapsed;
    }

    /// <param name="loadMs">Receives the time each load took (weights, context and chat template), in milliseconds.</param>
    private static TimeSpan ReloadedPerPrompt(GenerationWorkload workload, List<double> loadMs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        foreach (var prompt in workload.Prompts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var loadStarted = clock.Elapsed;
            using var generator = BareLlamaGenerator.Load(workload.ModelPath, workload.ContextSize, workload.Threads);
            loadMs.Add((clock.Elapsed - loadStarted).TotalMilliseconds);
            generator.Generate(prompt, workload.MaxTokens);
        }
        return clock.Elapsed;
    }
}
