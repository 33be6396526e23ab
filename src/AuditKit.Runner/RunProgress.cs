using AuditKit.Core.Attempts;

namespace AuditKit.Runner;

/// <summary>A progress report after each stored attempt. Counts include attempts found already stored on resume.</summary>
public sealed record RunProgress(int Done, int Total, int Failed, long GeneratedTokens, TimeSpan Elapsed, AttemptKey? Last)
{
    /// <summary>Tokens generated per second in this process (resumed attempts excluded).</summary>
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? GeneratedTokens / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time to finish, from the pace of this process; null until an attempt has completed.</summary>
    public TimeSpan? Remaining { get; init; }
}
