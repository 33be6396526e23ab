using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// The one definition of an attempt as a flat record, shared by attempts.csv and <c>auditkit export</c> (CSV and
/// JSONL), so the two never drift apart. Values are typed (string, int, double, bool, string list, or null) so each
/// format can write them natively.
/// </summary>
public static class AttemptFields
{
    public static readonly string[] Columns =
    [
        "run", "model", "probe_id", "topic", "kind", "language", "sample", "prompt", "reasoning", "response", "error",
        "finish_reason", "compliance", "p_complete", "p_evasive", "p_denial", "narrative", "p_aligned", "p_critical",
        "p_balanced", "p_none", "facts_expected", "facts_in_answer", "facts_only_in_reasoning", "markers_found",
        "thought_suppressed", "judge_compliance", "judge_narrative", "moderation", "gold_scorer", "gold_compliance", "gold_narrative",
    ];

    /// <summary>Values in the order of <see cref="Columns"/>.</summary>
    public static object?[] Values(AttemptRow row)
    {
        var a = row.Attempt;
        var v = row.Verdict;
        var s = row.Signals;
        return
        [
            row.RunId, a.Key.Model, a.Key.ProbeId, a.Topic, a.Kind, a.Key.Language, a.Key.Sample, a.Prompt, a.Reasoning, a.Response, a.Error,
            a.FinishReason.ToString().ToLowerInvariant(),
            v is null ? null : LabelNames.Of(v.Compliance),
            P(v?.ComplianceProbabilities, ComplianceLabel.Complete), P(v?.ComplianceProbabilities, ComplianceLabel.Evasive), P(v?.ComplianceProbabilities, ComplianceLabel.Denial),
            v is null ? null : LabelNames.Of(v.Narrative),
            P(v?.NarrativeProbabilities, NarrativeLabel.Aligned), P(v?.NarrativeProbabilities, NarrativeLabel.Critical),
            P(v?.NarrativeProbabilities, NarrativeLabel.Balanced), P(v?.NarrativeProbabilities, NarrativeLabel.None),
            s?.FactsExpected, s?.FactsInAnswer, s?.FactsOnlyInReasoning, s?.MarkersFound,
            s?.ThoughtSuppressed,
            row.Judge?.Compliance is { } jc ? LabelNames.Of(jc) : null,
            row.Judge?.Narrative is { } jn ? LabelNames.Of(jn) : null,
            a.Moderation,
            row.Gold?.Scorer,
            row.Gold?.Compliance is { } gc ? LabelNames.Of(gc) : null,
            row.Gold?.Narrative is { } gn ? LabelNames.Of(gn) : null,
        ];
    }

    private static double? P<TLabel>(IReadOnlyDictionary<TLabel, double>? probabilities, TLabel label) where TLabel : notnull =>
        probabilities is not null && probabilities.TryGetValue(label, out var p) ? p : null;
}
