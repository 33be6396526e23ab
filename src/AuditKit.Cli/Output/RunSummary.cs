using System.Globalization;
using AuditKit.Cli.Logging;
using AuditKit.Core.Runs;
using AuditKit.Runner;

namespace AuditKit.Cli.Output;

/// <summary>
/// The lines every run ends with: what is stored, what failed and why (counted from the store), tokens, latency and
/// rates, warnings, and why the run stopped early if it did. The same figures are in the manifest's <c>run_stats</c>.
/// </summary>
internal static class RunSummary
{
    /// <param name="resume">How the user resumes, e.g. "rerun the same command".</param>
    /// <returns>The exit code: 1 when attempts failed or the run stopped early, else 0.</returns>
    public static int Write(CliContext cli, ModelRunResult result, string runDirectory, string resume)
    {
        var (outcome, stats) = (result.Outcome, result.Stats);
        var dir = TerminalText.Safe(runDirectory);
        cli.Out.WriteLine($"Stored {stats.Stored}/{stats.Expected} attempts in {dir}" +
                          (outcome.AlreadyStored > 0 ? $" ({outcome.AlreadyStored} from an earlier run)" : ""));
        foreach (var line in Lines(stats, runDirectory)) cli.Out.WriteLine(line);
        if (stats.StoppedBy is { } why)
        {
            cli.Error.WriteLine($"Stopped early: {TerminalText.Safe(why, 600)}. Stored attempts are kept; fix the cause and {resume} to resume.");
            return ExitCodes.FailedAttempts;
        }
        if (stats.Failed > 0)
        {
            cli.Out.WriteLine($"{stats.Failed} attempts failed and are stored with their error; {resume} to retry them.");
            return ExitCodes.FailedAttempts;
        }
        return ExitCodes.Success;
    }

    /// <summary>The figures, one topic a line; shared with <c>audit</c>'s per-model summary.</summary>
    public static IEnumerable<string> Lines(RunStats stats, string runDirectory)
    {
        if (stats.Failed > 0)
            yield return $"Failed: {N(stats.Failed)} ({string.Join(", ", stats.FailuresByCause.Select(c => $"{Describe(c.Key)} {N(c.Value)}"))})";
        var latency = stats.LatencyP50Ms is { } p50 ? $"; latency p50 {N(p50, 0)} ms, p95 {N(stats.LatencyP95Ms ?? p50, 0)} ms" : "";
        yield return $"Tokens: {N(stats.PromptTokens)} in, {N(stats.CompletionTokens)} out{latency}";
        var warnings = stats.Warnings == 0 ? "no warnings"
            : $"{N(stats.Warnings)} warning{(stats.Warnings == 1 ? "" : "s")} (see {TerminalText.Safe(Path.Combine(runDirectory, RunLog.FileName))})";
        yield return $"This pass: {N(stats.AttemptsThisPass)} attempts in {N(stats.ElapsedSeconds, 1)} s, {N(stats.AttemptsPerSecond, 1)} attempts/s, " +
                     $"{N(stats.CompletionTokensPerSecond, 1)} tokens/s; {warnings}";
    }

    private static string Describe(string cause) =>
        FailureCauses.FromKey(cause) is { } known ? FailureCauses.Describe(known) : TerminalText.Safe(cause, 40);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string N(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
