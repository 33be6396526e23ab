using System.Diagnostics;
using System.Reflection;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// Runs an <c>auditkit</c> command as a child process and measures its peak resident memory, so that a figure states
/// what the command itself takes, from start-up to exit, and not what the bench process already held. Available when
/// the bench runs inside the <c>auditkit</c> tool; tests that host the bench elsewhere measure in-process instead.
/// </summary>
public static class CommandProcess
{
    /// <summary>How to start the running tool again (its own executable, or <c>dotnet auditkit.dll</c>); null when the bench is hosted elsewhere.</summary>
    public static (string FileName, string[] Prefix)? Tool()
    {
        var entry = Assembly.GetEntryAssembly();
        if (entry?.GetName().Name != "auditkit" || Environment.ProcessPath is not { } process) return null;
        return Path.GetFileNameWithoutExtension(process) == "auditkit" ? (process, []) : (process, [entry.Location]);
    }

    /// <summary>
    /// The peak resident memory and the time of one step: the <c>auditkit</c> command in a child process when the
    /// bench runs inside the tool, else <paramref name="inProcess"/> (the same library calls the command makes) in this
    /// process, with the high-water mark restarted first.
    /// </summary>
    public static async Task<(long PeakMiB, TimeSpan Elapsed, bool InChildProcess)> MeasureAsync(
        IReadOnlyList<string> command, Func<Task> inProcess, CancellationToken cancellationToken)
    {
        if (Tool() is { } tool)
        {
            var (peak, elapsed) = await RunAsync(tool, command, cancellationToken).ConfigureAwait(false);
            return (peak, elapsed, true);
        }
        ResidentMemory.StartPeak();
        var clock = Stopwatch.StartNew();
        await inProcess().ConfigureAwait(false);
        return (ResidentMemory.PeakMiB(), clock.Elapsed, false);
    }

    /// <summary>
    /// Runs the tool with <paramref name="arguments"/>, reading the child's high-water mark (VmHWM in /proc) every 10 ms
    /// until it exits: a peak reached in its last 10 ms would be missed, which for classify and report is the writing of
    /// a small file. Throws when the command fails.
    /// </summary>
    public static async Task<(long PeakMiB, TimeSpan Elapsed)> RunAsync((string FileName, string[] Prefix) tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in tool.Prefix.Concat(arguments)) start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {tool.FileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMiB(process.Id));
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"auditkit {string.Join(' ', arguments)} exited {process.ExitCode}: {(await errors).Trim()} {(await output).Trim()}");
        return (peak, elapsed);
    }

    private static long HighWaterMiB(int pid) => ResidentMemory.StatusMiB($"/proc/{pid}/status", "VmHWM") ?? 0;
}
