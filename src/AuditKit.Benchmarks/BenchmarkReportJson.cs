using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AuditKit.Benchmarks;

/// <summary>
/// The one JSON object <c>auditkit bench --json</c> prints. Keys (snake_case): <c>machine</c> {<c>cpu_model</c>,
/// <c>logical_cores</c>, <c>os</c>, <c>architecture</c>, <c>dotnet</c>, <c>started_at</c>, <c>load_average_before</c>},
/// <c>quick</c>, <c>finished_at</c>, <c>load_average_after</c>, <c>results</c> [{<c>name</c>, <c>ratio</c>,
/// <c>target</c>, <c>meets_target</c>, <c>error</c>, <c>details</c>}]. A ratio that could not be measured is null.
/// </summary>
public static class BenchmarkReportJson
{
    public static string Serialize(BenchmarkReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteStartObject("machine");
            w.WriteString("cpu_model", report.Machine.CpuModel);
            w.WriteNumber("logical_cores", report.Machine.LogicalCores);
            w.WriteString("os", report.Machine.OperatingSystem);
            w.WriteString("architecture", report.Machine.Architecture);
            w.WriteString("dotnet", report.Machine.DotNet);
            w.WriteString("started_at", Utc(report.Machine.StartedAt));
            w.WriteString("load_average_before", report.Machine.LoadAverageBefore);
            w.WriteEndObject();
            w.WriteBoolean("quick", report.Quick);
            w.WriteString("finished_at", Utc(report.FinishedAt));
            w.WriteString("load_average_after", report.LoadAverageAfter);
            w.WriteStartArray("results");
            foreach (var r in report.Results)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                // JSON has no NaN: a figure that failed has a null ratio and an error.
                if (double.IsFinite(r.Ratio)) w.WriteNumber("ratio", Math.Round(r.Ratio, 3)); else w.WriteNull("ratio");
                if (r.Target is { } target) w.WriteNumber("target", target); else w.WriteNull("target");
                if (r.MeetsTarget is { } meets) w.WriteBoolean("meets_target", meets); else w.WriteNull("meets_target");
                if (r.Error is { } error) w.WriteString("error", error); else w.WriteNull("error");
                w.WriteStartObject("details");
                foreach (var (key, value) in r.Details) w.WriteString(key, value);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
