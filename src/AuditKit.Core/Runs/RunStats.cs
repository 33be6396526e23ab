namespace AuditKit.Core.Runs;

/// <summary>
/// What the last pass of a run did, written to the manifest as <c>run_stats</c> and printed at the end of every run.
/// Counts and tokens are over everything the store holds for the run (so they equal the store's), rates over this
/// pass only (attempts resumed from an earlier pass took no time in it).
/// </summary>
public sealed record RunStats
{
    /// <summary>Attempts the plan asks for.</summary>
    public int Expected { get; init; }
    /// <summary>Attempts stored with an answer.</summary>
    public int Stored { get; init; }
    /// <summary>Attempts stored with an error (a rerun retries them).</summary>
    public int Failed { get; init; }
    /// <summary>Failed attempts by cause, keyed by the snake_case name of <see cref="FailureCause"/>.</summary>
    public IReadOnlyDictionary<string, int> FailuresByCause { get; init; } = new Dictionary<string, int>();
    /// <summary>Prompt tokens of the stored answers, as the backend counted them.</summary>
    public long PromptTokens { get; init; }
    /// <summary>Completion tokens of the stored answers, reasoning included.</summary>
    public long CompletionTokens { get; init; }
    /// <summary>Median generation time of the stored answers, milliseconds; null with none.</summary>
    public double? LatencyP50Ms { get; init; }
    /// <summary>95th percentile of the generation time of the stored answers, milliseconds; null with none.</summary>
    public double? LatencyP95Ms { get; init; }
    /// <summary>Attempts stored (answered or failed) by this pass.</summary>
    public int AttemptsThisPass { get; init; }
    /// <summary>Wall time of this pass's generation, seconds.</summary>
    public double ElapsedSeconds { get; init; }
    /// <summary>Attempts stored per second in this pass.</summary>
    public double AttemptsPerSecond { get; init; }
    /// <summary>Completion tokens stored per second in this pass.</summary>
    public double CompletionTokensPerSecond { get; init; }
    /// <summary>Warnings logged in this pass (retries, truncations, template fallbacks); they are in auditkit.log.</summary>
    public int Warnings { get; init; }
    /// <summary>Why the circuit breaker stopped this pass early; null when it ran to the end.</summary>
    public string? StoppedBy { get; init; }
}
