using AuditKit.Core.Attempts;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Summaries;

/// <summary>One stored attempt as the report lists it (attempts.csv): the attempt, its verdict and signals, and its run.</summary>
public sealed record AttemptRow(string RunId, Attempt Attempt, Verdict? Verdict, AttemptSignals? Signals)
{
    /// <summary>The LLM judge's second opinion, when the run was classified with <c>--judge</c>.</summary>
    public JudgeVerdict? Judge { get; init; }
}
