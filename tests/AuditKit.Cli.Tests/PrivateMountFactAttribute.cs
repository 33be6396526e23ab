using System.Diagnostics;

namespace AuditKit.Cli.Tests;

/// <summary>
/// A fact that mounts a small tmpfs in a private mount namespace (<c>unshare -m</c>) to fill a disk for real. It needs
/// root or CAP_SYS_ADMIN; elsewhere it is reported as skipped with the reason.
/// </summary>
public sealed class PrivateMountFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(() =>
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs -o size=4k none /mnt"])
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            })!;
            probe.WaitForExit();
            return probe.ExitCode == 0 ? null : "needs unshare -m and mount (root or CAP_SYS_ADMIN) to fill a small tmpfs";
        }
        catch (System.ComponentModel.Win32Exception) { return "needs the unshare command to fill a small tmpfs"; }
    });

    public PrivateMountFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }
}
