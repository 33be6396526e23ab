namespace AuditKit.Benchmarks;

/// <summary>The outcome of one <see cref="IBenchmark"/>.</summary>
/// <param name="Ratio">Throughput of the measured side over the baseline side (dimensionless); NaN when the figure failed.</param>
/// <param name="Target">The ratio the figure should reach, or null when it is reported only.</param>
/// <param name="Details">Raw measurements and settings behind the ratio (throughputs, token counts, model, repetitions).</param>
/// <param name="Error">Why the figure could not be measured; null when it was.</param>
public sealed record BenchmarkResult(string Name, double Ratio, double? Target, IReadOnlyDictionary<string, string> Details, string? Error = null)
{
    /// <summary>Null when there is no target or no measurement.</summary>
    public bool? MeetsTarget => Target is { } target && Error is null ? Ratio >= target : null;

    public static BenchmarkResult Failed(IBenchmark benchmark, string error) =>
        new(benchmark.Name, double.NaN, benchmark.Target, new Dictionary<string, string>(), error);
}
