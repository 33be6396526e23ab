namespace AuditKit.Runner;

/// <summary>How a run ended. <see cref="Failed"/> counts attempts stored with an error in this pass; a rerun retries them.</summary>
public sealed record RunOutcome(int Expected, int AlreadyStored, int Succeeded, int Failed)
{
    public bool Complete => AlreadyStored + Succeeded == Expected;

    /// <summary>Wall time of this pass, from the first request to the last commit.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Completion tokens of the attempts this pass stored.</summary>
    public long CompletionTokens { get; init; }

    /// <summary>Why the circuit breaker stopped the pass early; null when it ran every pending attempt.</summary>
    public string? StoppedBy { get; init; }
}
