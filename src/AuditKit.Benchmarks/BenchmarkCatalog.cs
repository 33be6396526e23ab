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
        // EXTENSION POINT (classifier answers per second): add the figure here once AuditKit.Classification's
        // OnnxAnswerClassifier is referenced, e.g. batched ClassifyAsync vs one answer at a time on the same answers.
        // EXTENSION POINT (report over 100,000 attempts): add the figure here once AuditKit.Reporting lands, e.g.
        // summary + exporters over a synthetic 100,000-attempt RunSnapshot, against a bare pass over the same attempts.
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
