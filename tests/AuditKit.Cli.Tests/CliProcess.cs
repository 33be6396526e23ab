using System.Diagnostics;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>Runs the real <c>auditkit</c> executable (built beside the tests) as a child process, as a user would.</summary>
internal static class CliProcess
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "auditkit.dll");
    public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "auditkit-test-cache");

    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["AUDITKIT_PROBES"] = RepoPaths.Probes;
        info.Environment["XDG_CACHE_HOME"] = CacheDirectory;
        return info;
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
