namespace AuditKit.Benchmarks;

/// <summary>
/// One figure of <c>auditkit bench</c>: two ways of doing the same work, measured in the same process on the same
/// machine, reported as the ratio of their throughputs so that the speed of the machine cancels out.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short stable identifier, e.g. <c>runner-vs-bare-loop</c>; the key of the figure in JSON output.</summary>
    string Name { get; }

    /// <summary>One line saying what is divided by what.</summary>
    string Description { get; }

    /// <summary>The ratio the figure should reach (higher is better), or null when the figure is reported only.</summary>
    double? Target { get; }

    /// <summary>
    /// Warms up, then measures both sides (several repetitions unless <see cref="BenchmarkSettings.Quick"/>).
    /// Progress lines go to <paramref name="progress"/>; nothing is written to the console.
    /// </summary>
    /// <returns>A result whose <see cref="BenchmarkResult.Ratio"/> is finite and positive.</returns>
    Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken);
}
