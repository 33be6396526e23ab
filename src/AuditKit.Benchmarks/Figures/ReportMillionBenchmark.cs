using System.Diagnostics;
using AuditKit.Benchmarks.Measurement;
using AuditKit.Reporting;
using AuditKit.Reporting.Synthetic;
using AuditKit.Store;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure e3: <c>auditkit report</c> (key findings, charts and the explorer included) over 40 stored runs of one model
/// and 25,000 attempts each, one million in all, run as the command in its own process (reading the SQLite stores), as the
/// ratio of the 60-second budget to the time taken, so that 1.0 or more meets it. The peak resident memory of the same
/// step is in the details (budget 2 GB).
/// </summary>
public sealed class ReportMillionBenchmark : IBenchmark
{
    private const int Models = 40, AttemptsPerModel = 25_000, QuickAttemptsPerModel = 500;
    private const long MemoryBudgetMiB = 2048;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public string Name => "report-1m-attempts";
    public string Description => $"report over {Models} stored runs x {AttemptsPerModel:N0} attempts: {Budget.TotalSeconds:F0} s budget over time taken";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        int perModel = settings.Quick ? QuickAttemptsPerModel : AttemptsPerModel;
        var root = Path.Combine(settings.ScratchDirectory, "report-1m");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var writing = Stopwatch.StartNew();
        var runDirectories = new List<string>(Models);
        for (int m = 0; m < Models; m++)
        {
            int model = m;
            var directory = Path.Combine(root, $"run-{model:D2}");
            SyntheticStores.Write(directory, [() => SyntheticRuns.Create(perModel, seed: 1000 + model, modelName: $"vendor-{model % 8}/model-{model:D2}-instruct", probes: 250)], withLabels: true);
            runDirectories.Add(directory);
        }
        progress.Report($"  {Models} runs of {perModel} attempts written to SQLite in {Format(writing.Elapsed.TotalSeconds, 1)} s (not timed)");
        var output = Path.Combine(root, "report");
        var report = await CommandProcess.MeasureAsync(["report", .. runDirectories.SelectMany(d => new[] { "--run", d }), "--out", output], async () =>
        {
            var written = await ReportWriter.WriteAsync([.. runDirectories.Select(ReadDeferred)], new ReportOptions("bench", DateTimeOffset.UnixEpoch, false), output, cancellationToken);
            if (!written.Export.Succeeded) throw new InvalidOperationException(string.Join("; ", written.Export.Failures.Select(f => f.Message)));
        }, cancellationToken);
        var (peak, elapsed) = (report.PeakMiB, report.Elapsed);
        int attempts = Models * perModel;
        progress.Report($"  {attempts} attempts of {Models} models read and reported in {Format(elapsed.TotalSeconds, 1)} s; peak resident {peak} MiB");

        double scale = (double)Models * AttemptsPerModel / attempts;
        return new BenchmarkResult(Name, Budget.TotalSeconds / (elapsed.TotalSeconds * scale), Target, new Dictionary<string, string>
        {
            ["attempts"] = Count(attempts),
            ["seconds"] = Format(elapsed.TotalSeconds, 2),
            ["peak_resident_mib"] = Count(peak),
            ["memory_budget_mib"] = Count(MemoryBudgetMiB),
            ["memory_met"] = peak <= MemoryBudgetMiB ? "yes" : "no",
            ["store_mib"] = Count(runDirectories.Sum(d => new FileInfo(Path.Combine(d, RunStore.DatabaseFileName)).Length) >> 20),
            ["report_html_mib"] = Format(new FileInfo(Path.Combine(output, "report.html")).Length / 1048576.0, 1),
            ["attempts_csv_mib"] = Format(new FileInfo(Path.Combine(output, "attempts.csv")).Length / 1048576.0, 1),
            ["note"] = (report.InChildProcess
                           ? "auditkit report in its own process, start-up included, peak read from /proc every 10 ms"
                           : "measured in the bench process (not hosted by the auditkit tool): the store and report code of the command")
                       + (settings.Quick ? $"; quick mode: {Count(attempts)} attempts, ratio scaled linearly to 1,000,000" : ""),
        });
    }

    /// <summary>A stored run as <c>auditkit report</c> reads it: labels in memory, texts left in the store until a pass needs them.</summary>
    internal static Core.Runs.RunSnapshot ReadDeferred(string runDirectory)
    {
        using var store = RunStore.Open(runDirectory, create: false);
        return store.ReadSnapshot(deferTexts: true);
    }
}
