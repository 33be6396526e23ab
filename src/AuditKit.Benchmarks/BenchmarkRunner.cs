using AuditKit.Benchmarks.Machines;

namespace AuditKit.Benchmarks;

/// <summary>Runs figures one after another (never concurrently: each must have the machine to itself) into a report.</summary>
public sealed class BenchmarkRunner(TimeProvider clock)
{
    /// <summary>
    /// Runs every benchmark. A figure that throws is recorded as failed with its message, so one broken figure does
    /// not lose the others; cancellation still stops the whole run.
    /// </summary>
    public async Task<BenchmarkReport> RunAsync(
        IReadOnlyList<IBenchmark> benchmarks, BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Capture(clock);
        var results = new List<BenchmarkResult>();
        foreach (var benchmark in benchmarks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Report($"{benchmark.Name}: {benchmark.Description}");
            try
            {
                results.Add(await benchmark.RunAsync(settings, progress, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                results.Add(BenchmarkResult.Failed(benchmark, $"{e.GetType().Name}: {e.Message}"));
            }
        }
        return new BenchmarkReport(machine, settings.Quick, results, MachineInfo.ReadLoadAverage(), clock.GetUtcNow());
    }
}
