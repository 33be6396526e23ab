using AuditKit.Core.Attempts;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Correction;

namespace AuditKit.Reporting.Summaries;

/// <summary>One stored attempt as the report lists it (attempts.csv): the attempt, its verdict and signals, and its run.</summary>
public sealed record AttemptRow(string RunId, Attempt Attempt, Verdict? Verdict, AttemptSignals? Signals)
{
    /// <summary>The LLM judge's second opinion, when the run was classified with <c>--judge</c>.</summary>
    public JudgeVerdict? Judge { get; init; }

    /// <summary>The label the report takes as gold for this attempt (a reviewer's, or the judge's with <c>--gold judge</c>); null when none.</summary>
    public GoldLabel? Gold { get; init; }
}
