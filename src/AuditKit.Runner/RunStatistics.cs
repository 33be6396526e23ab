using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Runner;

/// <summary>Builds the <see cref="RunStats"/> of a pass from what the store holds, so its counts are the store's.</summary>
public static class RunStatistics
{
    /// <param name="stored">Every attempt the run's store holds.</param>
    /// <param name="expected">Attempts the plan asks for.</param>
    /// <param name="outcome">This pass: its wall time, attempts and tokens give the rates.</param>
    /// <param name="warnings">Warnings logged during the pass.</param>
    public static RunStats Compute(IReadOnlyList<Attempt> stored, int expected, RunOutcome outcome, int warnings)
    {
        var answered = stored.Where(a => a.Succeeded).ToList();
        var latencies = answered.Select(a => a.DurationMs).Order().ToArray();
        var seconds = outcome.Elapsed.TotalSeconds;
        int thisPass = outcome.Succeeded + outcome.Failed;
        return new RunStats
        {
            Expected = expected,
            Stored = answered.Count,
            Failed = stored.Count - answered.Count,
            FailuresByCause = stored.Where(a => !a.Succeeded)
                .GroupBy(a => FailureCauses.Of(a.Error!))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
                .ToDictionary(g => FailureCauses.Key(g.Key), g => g.Count()),
            PromptTokens = answered.Sum(a => (long)a.PromptTokens),
            CompletionTokens = answered.Sum(a => (long)a.CompletionTokens),
            LatencyP50Ms = Percentile(latencies, 0.50),
            LatencyP95Ms = Percentile(latencies, 0.95),
            AttemptsThisPass = thisPass,
            ElapsedSeconds = Math.Round(seconds, 3),
            AttemptsPerSecond = seconds > 0 ? Math.Round(thisPass / seconds, 2) : 0,
            CompletionTokensPerSecond = seconds > 0 ? Math.Round(outcome.CompletionTokens / seconds, 1) : 0,
            Warnings = warnings,
            StoppedBy = outcome.StoppedBy,
        };
    }

    /// <summary>Nearest-rank percentile of sorted values; null for none.</summary>
    private static double? Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? null : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
}
