using System.Diagnostics;
using AuditKit.Core.Runs;
using AuditKit.Reporting;
using AuditKit.Reporting.Synthetic;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure e3: the full report (key findings, charts and the explorer included) over 40 models of 25,000 attempts each,
/// one million in all, as the ratio of the 60-second budget to the time taken, so that 1.0 or more meets it. Peak
/// memory is reported beside it (the budget is 2 GB, the synthetic runs themselves included, as a stored run read back
/// for <c>auditkit report</c> would be).
/// </summary>
public sealed class ReportMillionBenchmark : IBenchmark
{
    private const int Models = 40, AttemptsPerModel = 25_000, QuickAttemptsPerModel = 500;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public string Name => "report-1m-attempts";
    public string Description => $"report over {Models} models x {AttemptsPerModel:N0} attempts: {Budget.TotalSeconds:F0} s budget over time taken";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int perModel = settings.Quick ? QuickAttemptsPerModel : AttemptsPerModel;
        var runs = new List<RunSnapshot>(Models);
        for (int m = 0; m < Models; m++)
            runs.Add(SyntheticRuns.Create(perModel, seed: 1000 + m, modelName: $"vendor-{m % 8}/model-{m:D2}-instruct", probes: 250));
        var output = Path.Combine(settings.ScratchDirectory, "report-1m");
        Directory.CreateDirectory(output);

        GC.Collect();
        long before = Process.GetCurrentProcess().WorkingSet64;
        var clock = Stopwatch.StartNew();
        var result = await ReportWriter.WriteAsync(runs, new ReportOptions("bench", DateTimeOffset.UnixEpoch, false), output, cancellationToken);
        var elapsed = clock.Elapsed;
        long peak = Process.GetCurrentProcess().PeakWorkingSet64;
        int attempts = Models * perModel;
        progress.Report($"  {attempts} attempts of {Models} models reported in {Format(elapsed.TotalSeconds, 1)} s; peak working set {peak >> 20} MiB");
        if (!result.Export.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Export.Failures.Select(f => f.Message)));

        double scale = (double)Models * AttemptsPerModel / attempts;
        return new BenchmarkResult(Name, Budget.TotalSeconds / (elapsed.TotalSeconds * scale), Target, new Dictionary<string, string>
        {
            ["attempts"] = Count(attempts),
            ["seconds"] = Format(elapsed.TotalSeconds, 2),
            ["peak_working_set_mib"] = Count(peak >> 20),
            ["working_set_before_mib"] = Count(before >> 20),
            ["memory_budget_mib"] = Count(2048),
            ["report_html_mib"] = Format(new FileInfo(Path.Combine(output, "report.html")).Length / 1048576.0, 1),
            ["note"] = settings.Quick ? $"quick mode: {Count(attempts)} attempts, ratio scaled linearly to 1,000,000" : "",
        });
    }
}
