using AuditKit.Core.Attempts;
using AuditKit.Core.Scoring;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Core.Runs;

/// <summary>A stored attempt with whatever classification and signals the run has so far (null before <c>classify</c>).</summary>
public sealed record ClassifiedAttempt(Attempt Attempt, Verdict? Verdict, AttemptSignals? Signals)
{
    /// <summary>The LLM judge's labels, when <c>classify --judge</c> judged this attempt; else null.</summary>
    public JudgeVerdict? Judge { get; init; }

    /// <summary>Reviewers' labels (<c>human:NAME</c> scorers), one per reviewer who labelled this attempt; empty when none did.</summary>
    public IReadOnlyList<HumanLabel> HumanLabels { get; init; } = [];
}
