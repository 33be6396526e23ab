using AuditKit.TestSupport;

namespace AuditKit.Benchmarks.Tests;

/// <summary>
/// The real figures in --quick mode on the tiny smoke model. Only that they produce sane numbers is asserted: speed
/// targets belong to <c>auditkit bench</c> on a quiet machine, not to a timed test on a shared one.
/// </summary>
public sealed class QuickBenchmarkTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public async Task RunAsync_QuickRunnerAndHttpFigures_GiveFinitePositiveRatiosFromEqualWork()
    {
        var settings = new BenchmarkSettings(Quick: true, _temp.File("models"), _temp.Path, Threads: Environment.ProcessorCount);
        var benchmarks = BenchmarkCatalog.Select(["runner-vs-bare-loop", "http-32-concurrent-vs-1"]);
        var lines = new List<string>();

        var report = await new BenchmarkRunner(TimeProvider.System).RunAsync(benchmarks, settings, new Collect(lines), CancellationToken.None);

        Assert.Equal(["runner-vs-bare-loop", "http-32-concurrent-vs-1"], report.Results.Select(r => r.Name));
        Assert.All(report.Results, r =>
        {
            Assert.Null(r.Error);
            Assert.True(double.IsFinite(r.Ratio) && r.Ratio > 0, $"{r.Name}: ratio {r.Ratio}");
            Assert.NotNull(r.Target);
        });
        Assert.True(report.Quick);
        Assert.False(string.IsNullOrWhiteSpace(report.Machine.CpuModel));
        Assert.True(report.Machine.LogicalCores > 0);
        Assert.False(string.IsNullOrWhiteSpace(report.Machine.DotNet));
        Assert.Contains(lines, l => l.Contains("repetition 1/1", StringComparison.Ordinal));
        // A fair ratio needs equal work: greedy decoding of the same prompts must stop at the same place on both sides.
        var runner = report.Results[0].Details;
        Assert.Equal(runner["bare_completion_tokens"], runner["run_completion_tokens"]);
        Assert.NotEqual("0", runner["run_completion_tokens"]);
        // The share of the run path's time spent outside generation (queue, runner, store) is a fraction.
        Assert.InRange(double.Parse(runner["outside_generation_share"], System.Globalization.CultureInfo.InvariantCulture), 0, 0.99);
    }

    [Fact]
    public async Task RunAsync_QuickHostileAnswerFigure_MeasuresAPeakWithoutFailingAnAttempt()
    {
        var settings = new BenchmarkSettings(Quick: true, _temp.File("models"), _temp.Path, Threads: Environment.ProcessorCount);

        var report = await new BenchmarkRunner(TimeProvider.System).RunAsync(BenchmarkCatalog.Select(["run-parallel-4-50mb-answers"]), settings, new Collect([]), CancellationToken.None);

        var result = Assert.Single(report.Results);
        Assert.Null(result.Error);
        Assert.True(double.IsFinite(result.Ratio) && result.Ratio > 0, $"ratio {result.Ratio}");
        Assert.True(long.Parse(result.Details["peak_resident_mib"], System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task RunAsync_QuickMillionAttemptFigures_ReportAndClassifyStoredRunsAndMeasureTheirPeaks()
    {
        var settings = new BenchmarkSettings(Quick: true, _temp.File("models"), _temp.Path, Threads: Environment.ProcessorCount);

        var report = await new BenchmarkRunner(TimeProvider.System).RunAsync(BenchmarkCatalog.Select(["report-1m-attempts", "classify-report-1m-run"]), settings, new Collect([]), CancellationToken.None);

        Assert.All(report.Results, r =>
        {
            Assert.Null(r.Error);
            Assert.True(double.IsFinite(r.Ratio) && r.Ratio > 0, $"{r.Name}: ratio {r.Ratio}");
            // Hosted by the test runner, not the tool: the figures say they measured the library calls in this process.
            Assert.Contains("bench process", r.Details["note"]);
        });
        Assert.True(long.Parse(report.Results[0].Details["peak_resident_mib"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(long.Parse(report.Results[1].Details["classify_peak_resident_mib"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Every attempt of the 40 quick runs (500 each) reached attempts.csv from the stores: one row each, after the header.
        Assert.Equal(40 * 500, File.ReadLines(Path.Combine(_temp.Path, "report-1m", "report", "attempts.csv")).Count(l => l.StartsWith("synthetic-", StringComparison.Ordinal)));
    }

    public void Dispose() => _temp.Dispose();

    private sealed class Collect(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines) lines.Add(value);
        }
    }
}
