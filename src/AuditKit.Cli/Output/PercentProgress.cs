using System.Globalization;
using AuditKit.Runner;

namespace AuditKit.Cli.Output;

/// <summary>
/// Progress as plain lines, one per <c>step</c> percent of a model's attempts: for a log or a redirected console, and
/// for an audit whose models share the terminal. Counts include attempts resumed from an earlier run.
/// </summary>
internal sealed class PercentProgress(string title, int step, Action<string> write) : IProgress<RunProgress>
{
    private int _lastStep = -1;

    public void Report(RunProgress p)
    {
        if (p.Total == 0) return;
        int reached = (int)(100L * p.Done / p.Total / step);
        if (reached == _lastStep) return;
        _lastStep = reached;
        write(Describe(title, p));
    }

    /// <summary>"title: 38/380 attempts (10 %), 2 failed, 123.4 tokens/s, ETA 00:01:23": one ETA, no other.</summary>
    public static string Describe(string title, RunProgress p)
    {
        var eta = p.Remaining is { } r && p.Done < p.Total ? $", ETA {Eta(r)}" : "";
        var failed = p.Failed > 0 ? $", {p.Failed} failed" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{TerminalText.Safe(title, 40)}: {p.Done}/{p.Total} attempts ({100L * p.Done / Math.Max(1, p.Total)} %){failed}, {p.TokensPerSecond:F1} tokens/s{eta}");
    }

    public static string Eta(TimeSpan remaining) => remaining.TotalHours >= 100 ? ">99 h"
        : string.Create(CultureInfo.InvariantCulture, $"{(int)remaining.TotalHours:00}:{remaining.Minutes:00}:{remaining.Seconds:00}");
}
