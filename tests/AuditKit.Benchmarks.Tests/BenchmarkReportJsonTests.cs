using System.Globalization;
using System.Text.Json;
using AuditKit.Benchmarks.Machines;

namespace AuditKit.Benchmarks.Tests;

public sealed class BenchmarkReportJsonTests
{
    private static BenchmarkReport Report() => new(
        new MachineInfo("Test CPU @ 2.0GHz", 2, "Linux", "X64", ".NET 10.0.0", new DateTimeOffset(2026, 11, 25, 18, 0, 0, TimeSpan.Zero), "1.50 1.20 1.00"),
        Quick: false,
        [
            new BenchmarkResult("parallel-8-vs-sequential", 1.4567, 1.4, new Dictionary<string, string> { ["threads"] = "2" }),
            new BenchmarkResult("load-once-vs-reload-per-prompt", 3.5, null, new Dictionary<string, string>()),
            new BenchmarkResult("http-32-concurrent-vs-1", double.NaN, 25, new Dictionary<string, string>(), "SocketException: refused"),
        ],
        "2.00 1.50 1.10",
        new DateTimeOffset(2026, 11, 25, 18, 5, 0, TimeSpan.Zero));

    [Fact]
    public void Serialize_Report_HasTheDocumentedKeys()
    {
        using var json = JsonDocument.Parse(BenchmarkReportJson.Serialize(Report()));
        var root = json.RootElement;

        Assert.Equal(["machine", "quick", "finished_at", "load_average_after", "results"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["cpu_model", "logical_cores", "os", "architecture", "dotnet", "started_at", "load_average_before"],
            root.GetProperty("machine").EnumerateObject().Select(p => p.Name));
        var first = root.GetProperty("results")[0];
        Assert.Equal(["name", "ratio", "target", "meets_target", "error", "details"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Test CPU @ 2.0GHz", root.GetProperty("machine").GetProperty("cpu_model").GetString());
        Assert.Equal(1.457, first.GetProperty("ratio").GetDouble());
        Assert.True(first.GetProperty("meets_target").GetBoolean());
        Assert.Equal("2", first.GetProperty("details").GetProperty("threads").GetString());
        Assert.Equal("2026-11-25T18:00:00Z", root.GetProperty("machine").GetProperty("started_at").GetString());
    }

    [Fact]
    public void Serialize_ReportedOnlyAndFailedFigures_UseNullsNotNaN()
    {
        using var json = JsonDocument.Parse(BenchmarkReportJson.Serialize(Report()));
        var results = json.RootElement.GetProperty("results");

        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("target").ValueKind);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("meets_target").ValueKind);
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("ratio").ValueKind);
        Assert.Equal("SocketException: refused", results[2].GetProperty("error").GetString());
    }

    [Fact]
    public void Serialize_UnderACommaDecimalCulture_StillWritesInvariantNumbers()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            using var json = JsonDocument.Parse(BenchmarkReportJson.Serialize(Report()));
            Assert.Equal(1.457, json.RootElement.GetProperty("results")[0].GetProperty("ratio").GetDouble());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
