using AuditKit.Benchmarks.Figures;

namespace AuditKit.Benchmarks;

/// <summary>Every figure <c>auditkit bench</c> measures, in report order. A new figure is one class plus one line here.</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new RunnerOverheadBenchmark(),
        new ParallelDecodingBenchmark(),
        new ModelReloadBenchmark(),
        new HttpConcurrencyBenchmark(),
        new RunHttpThroughputBenchmark(),
        new AuditConcurrencyBenchmark(),
        new ClassifierThroughputBenchmark(),
        new ReportScaleBenchmark(),
        new ReportMillionBenchmark(),
        new ClassifyReportRunBenchmark(),
        new CorrectedRateCoverageBenchmark(),
        new HostileAnswerMemoryBenchmark(),
    ];

    /// <summary>The figures whose names are listed, in catalog order.</summary>
    /// <exception cref="ArgumentException">A name is not in the catalog.</exception>
    public static IReadOnlyList<IBenchmark> Select(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var unknown = wanted.Where(n => All.All(b => b.Name != n)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown benchmark(s): {string.Join(", ", unknown)}; known: {string.Join(", ", All.Select(b => b.Name))}");
        return All.Where(b => wanted.Contains(b.Name)).ToList();
    }
}
