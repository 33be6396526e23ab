using AuditKit.Backends.OpenAI;
using AuditKit.Benchmarks.Measurement;
using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Attempts;
using Microsoft.Extensions.Logging.Abstractions;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure f: peak resident memory of the <c>auditkit run --endpoint --parallel 4</c> path (the real runner, store
/// and OpenAI-compatible backend with its default answer cap) while a hostile server sends four 50 MB answers at
/// once, as the ratio of the 600 MiB budget to that peak, so that 1.0 or more meets it. The server streams its answers
/// from one 64 KiB buffer, so the peak is the client's. Before the cap, one such answer took 1.0 GB.
/// </summary>
public sealed class HostileAnswerMemoryBenchmark : IBenchmark
{
    private const int Parallel = 4;
    private const long BudgetMiB = 600;

    public string Name => "run-parallel-4-50mb-answers";
    public string Description => $"run --parallel {Parallel} against four 50 MB answers: {BudgetMiB} MiB budget over peak resident memory";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        long answerBytes = (settings.Quick ? 5L : 50L) << 20;
        await using var server = new LoopbackOpenAIServer { StreamedAnswerBytes = answerBytes };
        await using var backend = new OpenAICompatibleBackend(
            new OpenAIBackendOptions(server.BaseUrl, "bench-model", ApiKey: null, Parallel, RequestTimeout: TimeSpan.FromMinutes(2), MaxRetries: 0, AllowInsecureHttp: false),
            new SocketsHttpHandler(), TimeProvider.System, (delay, ct) => Task.Delay(delay, ct), NullLogger<OpenAICompatibleBackend>.Instance);
        var workload = new GenerationWorkload("(loopback)", [.. Enumerable.Range(0, Parallel).Select(i => $"Say everything, part {i}.")], MaxTokens: 16, ContextSize: 512, settings.Threads);

        bool reset = ResidentMemory.StartPeak();
        long before = ResidentMemory.CurrentMiB();
        var timing = await StoredRunPipeline.RunAsync(backend, workload, Parallel, settings.ScratchDirectory, cancellationToken);
        long peak = ResidentMemory.PeakMiB();
        progress.Report($"  {Parallel} answers of {answerBytes >> 20} MB at --parallel {Parallel}: peak resident {peak} MiB (before {before} MiB), {Format(timing.Elapsed.TotalSeconds, 1)} s");

        return new BenchmarkResult(Name, (double)BudgetMiB / peak, Target, new Dictionary<string, string>
        {
            ["answer_bytes_sent"] = Count(answerBytes),
            ["parallel"] = Count(Parallel),
            ["max_answer_chars"] = Count(AnswerLimits.DefaultMaxChars),
            ["peak_resident_mib"] = Count(peak),
            ["resident_before_mib"] = Count(before),
            ["budget_mib"] = Count(BudgetMiB),
            ["seconds"] = Format(timing.Elapsed.TotalSeconds, 2),
            ["note"] = (reset ? "" : "the peak could not be reset (/proc/self/clear_refs): it includes the figures before this one; ")
                       + "measured in the bench process: the runner, store and backend of `run`, without the CLI's start-up"
                       + (settings.Quick ? "; quick mode: 5 MB answers" : ""),
        });
    }
}
