using System.Runtime.InteropServices;

namespace AuditKit.Benchmarks.Machines;

/// <summary>The machine a benchmark ran on, written beside the ratios so figures from different machines can be told apart.</summary>
/// <param name="CpuModel">The first <c>model name</c> of /proc/cpuinfo, or "unknown".</param>
/// <param name="LogicalCores">Processors this process may use.</param>
/// <param name="LoadAverageBefore">/proc/loadavg when the run started ("unknown" off Linux).</param>
public sealed record MachineInfo(
    string CpuModel, int LogicalCores, string OperatingSystem, string Architecture, string DotNet,
    DateTimeOffset StartedAt, string LoadAverageBefore)
{
    public static MachineInfo Capture(TimeProvider clock) => new(
        ReadCpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.OSArchitecture.ToString(),
        RuntimeInformation.FrameworkDescription,
        clock.GetUtcNow(),
        ReadLoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages, e.g. "1.52 1.20 0.98"; "unknown" when /proc is absent.</summary>
    public static string ReadLoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(' ', fields[..3]) : "unknown";
        }
        catch (IOException) { return "unknown"; }
        catch (UnauthorizedAccessException) { return "unknown"; }
    }

    private static string ReadCpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var colon and > 0)
                    return line[(colon + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "unknown";
    }
}
