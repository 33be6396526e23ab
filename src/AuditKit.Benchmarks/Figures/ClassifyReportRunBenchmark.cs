using System.Diagnostics;
using AuditKit.Benchmarks.Measurement;
using AuditKit.Classification.Inference;
using AuditKit.Classification.Runs;
using AuditKit.Classification.Signals;
using AuditKit.Core.Backends;
using AuditKit.Core.Classifiers;
using AuditKit.Reporting;
using AuditKit.Reporting.Synthetic;
using AuditKit.Store;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure e4: peak resident memory of <c>auditkit classify</c> and then <c>auditkit report</c> over one stored run of a
/// million attempts (40 models x 25,000, as an import of many models leaves them), each command in its own process, as
/// the ratio of the 1.5 GB budget to the larger of the two peaks, so that 1.0 or more meets it. Classify runs the
/// shipped ONNX classifier and the fact and marker signals over every answer and stores the labels; the report then
/// reads them back.
/// </summary>
public sealed class ClassifyReportRunBenchmark : IBenchmark
{
    private const int Models = 40, AttemptsPerModel = 25_000, QuickAttemptsPerModel = 250;
    private const long BudgetMiB = 1536;

    public string Name => "classify-report-1m-run";
    public string Description => $"classify, then report, one stored run of {Models} models x {AttemptsPerModel:N0} attempts: {BudgetMiB} MiB budget over the larger peak";
    public double? Target => 1.0;

    public async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var classifierPath = ClassifierThroughputBenchmark.ModelPath() ?? throw new FileNotFoundException("models/auditkit-classifier.onnx not found (run from the repository root)");
        int perModel = settings.Quick ? QuickAttemptsPerModel : AttemptsPerModel, attempts = Models * perModel;
        var root = Path.Combine(settings.ScratchDirectory, "classify-report-1m");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var run = Path.Combine(root, "run");
        var writing = Stopwatch.StartNew();
        SyntheticStores.Write(run,
            Enumerable.Range(0, Models).Select(m => (Func<Core.Runs.RunSnapshot>)(() =>
                SyntheticRuns.Create(perModel, seed: 2000 + m, modelName: $"vendor-{m % 8}/model-{m:D2}-instruct", probes: 250))),
            withLabels: false,
            manifest: SyntheticRuns.Create(0, seed: 2000, modelName: "import", probes: 250).Manifest with
            {
                RunId = "synthetic-import",
                Model = new ModelDescription { Name = "(imported)", Backend = "import", FileType = "none" },
            });
        progress.Report($"  one run of {attempts} attempts ({Models} models) written to SQLite in {Format(writing.Elapsed.TotalSeconds, 1)} s (not timed)");

        var classify = await CommandProcess.MeasureAsync(["classify", "--run", run, "--classifier", Path.GetFullPath(classifierPath)], () =>
        {
            // What ClassifyCommand does between opening the store and printing its summary.
            using var classifier = new OnnxAnswerClassifier(classifierPath);
            using var store = RunStore.Open(run, create: false);
            var results = new RunClassifier(classifier, new SignalExtractor(TimeSpan.FromMilliseconds(200))).Classify(store.ReadSnapshot(deferTexts: true), new Progress<int>());
            store.SaveClassification(new ClassifierInfo(classifier.Id, classifier.Sha256, DateTimeOffset.UtcNow, new Dictionary<string, double>()),
                [.. results.Select(r => (r.Key, r.Verdict, r.Signals))]);
            return Task.CompletedTask;
        }, cancellationToken);
        progress.Report($"  classify: {Format(classify.Elapsed.TotalSeconds, 1)} s, peak resident {classify.PeakMiB} MiB");

        var output = Path.Combine(root, "report");
        var report = await CommandProcess.MeasureAsync(["report", "--run", run, "--out", output], async () =>
        {
            var written = await ReportWriter.WriteAsync([ReportMillionBenchmark.ReadDeferred(run)], new ReportOptions("bench", DateTimeOffset.UnixEpoch, false), output, cancellationToken);
            if (!written.Export.Succeeded) throw new InvalidOperationException(string.Join("; ", written.Export.Failures.Select(f => f.Message)));
        }, cancellationToken);
        progress.Report($"  report: {Format(report.Elapsed.TotalSeconds, 1)} s, peak resident {report.PeakMiB} MiB");

        return new BenchmarkResult(Name, (double)BudgetMiB / Math.Max(classify.PeakMiB, report.PeakMiB), Target, new Dictionary<string, string>
        {
            ["attempts"] = Count(attempts),
            ["classify_peak_resident_mib"] = Count(classify.PeakMiB),
            ["classify_seconds"] = Format(classify.Elapsed.TotalSeconds, 1),
            ["report_peak_resident_mib"] = Count(report.PeakMiB),
            ["report_seconds"] = Format(report.Elapsed.TotalSeconds, 1),
            ["budget_mib"] = Count(BudgetMiB),
            ["store_mib"] = Count(new FileInfo(Path.Combine(run, RunStore.DatabaseFileName)).Length >> 20),
            ["note"] = (classify.InChildProcess
                           ? "each command in its own auditkit process, peak read from /proc every 10 ms"
                           : "measured in the bench process (not hosted by the auditkit tool): the store, classifier and report code of the two commands")
                       + (settings.Quick ? $"; quick mode: {Count(attempts)} attempts" : ""),
        });
    }
}
