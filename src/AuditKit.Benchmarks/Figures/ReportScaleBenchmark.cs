using System.Diagnostics;
using AuditKit.Reporting;
using AuditKit.Reporting.Synthetic;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure e2: the full report (summary, HTML, Markdown, attempts.csv, summary.csv, summary.json) over 100,000 stored
/// attempts, as the ratio of the 15-second budget to the time taken, so that 1.0 or more meets it. Peak memory is
/// reported beside it (the budget is 1 GB).
/// </summary>
public sealed class ReportScaleBenchmark : IBenchmark
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    public string Name => "report-100k-attempts";
    public string Description => $"report over 100,000 attempts: {Budget.TotalSeconds:F0} s budget over time taken";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int attempts = settings.Quick ? 5_000 : 100_000;
        var snapshot = SyntheticRuns.Create(attempts, seed: 7, modelName: "synthetic", probes: 250);
        var output = Path.Combine(settings.ScratchDirectory, "report-scale");
        Directory.CreateDirectory(output);

        GC.Collect();
        long before = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        var result = await ReportWriter.WriteAsync([snapshot], new ReportOptions("bench", DateTimeOffset.UnixEpoch, false), output, cancellationToken);
        var elapsed = clock.Elapsed;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        progress.Report($"  {attempts} attempts reported in {Format(elapsed.TotalSeconds, 1)} s; peak working set {peak >> 20} MiB");
        if (!result.Export.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Export.Failures.Select(f => f.Message)));

        return new BenchmarkResult(Name, Budget.TotalSeconds / elapsed.TotalSeconds * (settings.Quick ? attempts / 100_000.0 : 1), Target, new Dictionary<string, string>
        {
            ["attempts"] = Count(attempts),
            ["seconds"] = Format(elapsed.TotalSeconds, 2),
            ["peak_working_set_mib"] = Count(peak >> 20),
            ["working_set_before_mib"] = Count(before >> 20),
            ["note"] = settings.Quick ? "quick mode: 5,000 attempts, ratio scaled linearly to 100,000" : "",
        });
    }
}
