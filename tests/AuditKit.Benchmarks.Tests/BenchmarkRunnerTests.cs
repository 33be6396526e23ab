namespace AuditKit.Benchmarks.Tests;

public sealed class BenchmarkRunnerTests
{
    private static BenchmarkSettings Settings => new(Quick: true, Path.GetTempPath(), Path.GetTempPath(), Threads: 1);

    [Fact]
    public async Task RunAsync_OneFigureThrows_RecordsItAsFailedAndRunsTheRest()
    {
        IBenchmark[] benchmarks = [new Throwing(), new Fixed(2.5)];

        var report = await new BenchmarkRunner(TimeProvider.System).RunAsync(benchmarks, Settings, new Progress<string>(), CancellationToken.None);

        Assert.Equal("InvalidOperationException: no model", report.Results[0].Error);
        Assert.True(double.IsNaN(report.Results[0].Ratio));
        Assert.Null(report.Results[0].MeetsTarget);
        Assert.Equal(2.5, report.Results[1].Ratio);
        Assert.True(report.Results[1].MeetsTarget);
    }

    [Fact]
    public void Catalog_Names_AreUniqueAndEachFigureHasADescription()
    {
        var names = BenchmarkCatalog.All.Select(b => b.Name).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(BenchmarkCatalog.All, b => Assert.False(string.IsNullOrWhiteSpace(b.Description)));
        Assert.Contains("runner-vs-bare-loop", names);
        Assert.Contains("http-32-concurrent-vs-1", names);
    }

    [Fact]
    public void Select_UnknownName_ThrowsListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BenchmarkCatalog.Select(["no-such-figure"]));

        Assert.Contains("no-such-figure", e.Message);
        Assert.Contains("runner-vs-bare-loop", e.Message);
    }

    private sealed class Throwing : IBenchmark
    {
        public string Name => "throwing";
        public string Description => "always fails";
        public double? Target => 1;
        public Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no model");
    }

    private sealed class Fixed(double ratio) : IBenchmark
    {
        public string Name => "fixed";
        public string Description => "a constant ratio";
        public double? Target => 2;
        public Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken) =>
            Task.FromResult(new BenchmarkResult(Name, ratio, Target, new Dictionary<string, string>()));
    }
}
