using System.Globalization;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// The process's resident memory from /proc/self/status, and its high-water mark restarted before a measured step:
/// the memory figures are what the step itself took, not what figures measured before it left behind.
/// </summary>
public static class ResidentMemory
{
    /// <summary>Collects what earlier work left, then restarts the kernel's high-water mark; false where it cannot (not Linux, or before 4.0).</summary>
    public static bool StartPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        try
        {
            // Writing 5 to clear_refs resets VmHWM to the current resident size.
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Resident memory now, in MiB.</summary>
    public static long CurrentMiB() => Read("VmRSS");

    /// <summary>The highest resident memory since <see cref="StartPeak"/>, in MiB.</summary>
    public static long PeakMiB() => Read("VmHWM");

    /// <summary>A size line of /proc/self/status in MiB; falls back to .NET's own figures elsewhere.</summary>
    private static long Read(string field)
    {
        if (StatusMiB("/proc/self/status", field) is { } mib) return mib;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return (field == "VmHWM" ? process.PeakWorkingSet64 : process.WorkingSet64) >> 20;
    }

    /// <summary>The size line <paramref name="field"/> (VmRSS, VmHWM) of a /proc status file in MiB; null when it cannot be read (the process ended, or not Linux).</summary>
    internal static long? StatusMiB(string statusFile, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(statusFile))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) >> 10;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }
}
