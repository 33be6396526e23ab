using AuditKit.Runner;

namespace AuditKit.Cli.Audits;

/// <summary>How one model of an audit ended: its run's result, or why it could not run at all.</summary>
internal sealed record ModelRunOutcome(string Name, string RunDirectory, ModelRunResult? Result, string? Problem)
{
    /// <summary>The run stored at least one answer: it is classified and reported.</summary>
    public bool HasAnswers => Result is { Stats.Stored: > 0 };

    /// <summary>Stopped early, failed attempts, or never ran.</summary>
    public bool Failed => Problem is not null || Result is null || Result.Stats.StoppedBy is not null || Result.Stats.Failed > 0;
}
