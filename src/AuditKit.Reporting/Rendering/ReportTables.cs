using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.ReportColumn;

namespace AuditKit.Reporting.Rendering;

/// <summary>The columns and cells of every table in report.* and compare.*; the exporters only lay them out.</summary>
internal static class ReportTables
{
    public static ReportTable Rates(AuditSummary s) => new("rates",
        // "refused" and "ALIGNED" first: the figures readers come for stay in view when the table scrolls sideways.
        [Text("model"), Text("language"), Figure("n"), Figure("refused"), Figure("ALIGNED"), Figure("DENIAL"), Figure("EVASIVE"), Figure("COMPLETE"), Figure("errors"), Figure("unclassified")],
        [.. s.ModelLanguages.Select(r => Row(r.Model, r.Language, Numbers.Int(r.Judged), Numbers.Rate(r.Refusal), Numbers.Rate(r.Aligned),
            Numbers.Rate(r.Denial), Numbers.Rate(r.Evasive), Numbers.Rate(r.Complete), Numbers.Int(r.Errors), Numbers.Int(r.Unclassified)))]);

    public static ReportTable Topics(AuditSummary s) => new("topics",
        [Text("topic"), Text("control"), Text("model"), Figure("n"), Figure("refused"), Figure("EVASIVE")],
        [.. s.Topics.Select(t => Row(t.Topic, t.IsControl ? "yes" : "", t.Model, Numbers.Int(t.Judged), Numbers.Rate(t.Refusal), Numbers.Rate(t.Evasion)))]);

    public static ReportTable Controls(AuditSummary s) => new("controls",
        [Text("model"), Text("language"), Figure("sensitive refused"), Figure("control refused"), Figure("difference")],
        [.. s.Controls.Select(c => Row(c.Model, c.Language, Numbers.Rate(c.Sensitive), Numbers.Rate(c.Control), Numbers.Difference(c.Difference)))]);

    public static ReportTable PairedControls(AuditSummary s) => new("paired-controls",
        [Text("model"), Text("language"), Figure("pairs"), Figure("sensitive refused"), Figure("paired control refused"), Figure("difference"), Figure("McNemar p"), Figure("Holm p")],
        [.. s.PairedControls.Select(c => Row(c.Model, c.Language, Numbers.Int(c.Pairs), Numbers.Rate(c.Sensitive), Numbers.Rate(c.Control),
            Numbers.Difference(c.Difference), Numbers.P(c.McNemarP), Numbers.P(c.HolmP) + (c.HolmP < s.Policy.Alpha ? " *" : "")))]);

    public static ReportTable LanguageGaps(AuditSummary s) => new("gaps",
        [Text("model"), Text("languages"), Figure("pairs"), Figure("refused (first)"), Figure("refused (second)"), Figure("difference"), Figure("McNemar p"), Figure("Holm p")],
        [.. s.LanguageGaps.Select(g => Row(g.Model, g.Pair.ToString(), Numbers.Int(g.Pairs), Numbers.Rate(g.FirstRefusal), Numbers.Rate(g.SecondRefusal),
            Numbers.Difference(g.Difference), Numbers.P(g.McNemarP), Numbers.P(g.HolmP) + (g.Significant ? " *" : "")))]);

    /// <summary>Rates over model versions: one row per topic, language and measure, one column per version in release order.</summary>
    public static ReportTable Timelines(AuditSummary s)
    {
        var versions = s.Timelines.Count == 0 ? [] : s.Timelines[0].Points;
        return new("timelines",
            [Text("topic"), Text("language"), Text("measure"), .. versions.Select(v => Figure($"{v.Model} ({v.Released})")), Figure("trend z"), Figure("trend p"), Figure("Holm p")],
            [.. s.Timelines.Select(t => (IReadOnlyList<string>)[t.Topic, t.Language, t.Measure, .. t.Points.Select(p => Numbers.Rate(p.Rate)),
                Numbers.Fixed(t.TrendZ, "0.00"), Numbers.P(t.TrendP), Numbers.P(t.HolmP) + (t.Significant ? " *" : "")])]);
    }

    /// <summary>The note under the timeline table, in every format.</summary>
    public static string TimelineNote(AuditSummary s) =>
        $"Cochran-Armitage trend test over the versions in release order (scores 0, 1, 2, ...); a positive z means the rate rises in later versions. * significant after Holm's correction across all {Numbers.Int(s.Timelines.Count)} trend tests of this report at alpha = {Numbers.Fixed(s.Policy.Alpha, "0.###")}.";

    /// <summary>The note under the language-gap table, in every format.</summary>
    public static string LanguageGapNote(AuditSummary s) =>
        $"* significant after Holm's correction across all {Numbers.Int(s.LanguageGaps.Count)} language-gap tests of this report at alpha = {Numbers.Fixed(s.Policy.Alpha, "0.###")}.";

    public static ReportTable Reasoning(AuditSummary s) => new("reasoning",
        [Text("model"), Text("language"), Figure("reasoning attempts"), Figure("thought suppressed"), Figure("facts only in reasoning"), Figure("attempts hiding facts")],
        [.. s.Reasoning.Select(r => Row(r.Model, r.Language, Numbers.Int(r.ReasoningAttempts), Numbers.Rate(r.ThoughtSuppression),
            Numbers.Int(r.FactsOnlyInReasoning), Numbers.Int(r.AttemptsWithHiddenFacts)))]);

    public static ReportTable RepeatedSampling(AuditSummary s) => new("repeated",
        [Text("model"), Text("language"), Figure("probes"), Figure("samples per probe"), Figure("refused (pooled, Wilson)"), Figure("probe bootstrap")],
        [.. s.RepeatedSampling.Select(r => Row(r.Model, r.Language, Numbers.Int(r.Probes), Numbers.Int(r.MaxSamplesPerProbe), Numbers.Rate(r.Pooled),
            Numbers.Interval(r.ProbeBootstrapInterval)))]);

    public static ReportTable PerProbeRefusal(RepeatedSampling r) => new(null,
        [Text("probe"), Text("topic"), Figure("refused"), Figure("samples"), Figure("probability")],
        [.. r.PerProbe.Select(p => Row(p.ProbeId, p.Topic, Numbers.Int(p.Refused), Numbers.Int(p.Samples), Numbers.Pct(p.Probability) + "%"))]);

    /// <summary>
    /// The strata of a comparison, all pairs first, then each language, each topic and each topic in each language; a
    /// star marks a p-value significant after Holm across every test in the table.
    /// </summary>
    public static ReportTable ComparisonCells(ComparisonResult c) => new("cells",
        [Text("topic"), Text("language"), Figure("pairs"), Figure("refused→answered"), Figure("answered→refused"), Figure("aligned→not"), Figure("not→aligned"),
            Figure("base refused"), Figure("candidate refused"), Figure("difference"), Figure("McNemar p"), Figure("Holm p"), Figure("aligned difference"), Figure("aligned Holm p")],
        [.. c.Strata.Select(cell => Row(cell.Topic, cell.Language, Numbers.Int(cell.Pairs), Numbers.Int(cell.RefusedToAnswered),
            Numbers.Int(cell.AnsweredToRefused), Numbers.Int(cell.AlignedToNotAligned), Numbers.Int(cell.NotAlignedToAligned),
            Numbers.Rate(cell.BaseRefusal), Numbers.Rate(cell.CandidateRefusal), Numbers.Difference(cell.RefusalDifference),
            Numbers.P(cell.McNemarP), Numbers.P(cell.HolmP) + (cell.Significant ? " *" : ""),
            Numbers.Difference(cell.AlignedDifference), Numbers.P(cell.AlignedHolmP) + (cell.AlignedSignificant ? " *" : "")))]);

    private static IReadOnlyList<string> Row(params string[] cells) => cells;
}
