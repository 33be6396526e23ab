using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;
using CsvHelper;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// summary.csv: every figure of the report in one long, tidy table (one row per figure) with its count, denominator
/// and interval. Percentages carry the same rounding as the HTML and Markdown reports, so the three agree. p_value is
/// always the Holm-adjusted p the report marks significance by (paired controls, language gaps, timelines).
/// </summary>
public sealed class SummaryCsvExporter(bool byteOrderMark) : IReportExporter
{
    public const string FileName = "summary.csv";

    public static readonly string[] Columns =
        ["section", "model", "language", "topic", "metric", "n", "count", "value_pct", "lower_pct", "upper_pct", "p_value",
         "corrected_pct", "corrected_lower_pct", "corrected_upper_pct", "gold_n"];

    public string Name => "summary-csv";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await using var csv = CsvFiles.Create(path, byteOrderMark);
        csv.WriteHeader(Columns);

        foreach (var r in summary.ModelLanguages)
        {
            await Rate(csv, "rates", r.Model, r.Language, "", "denial", r.Denial, cancellationToken);
            await Rate(csv, "rates", r.Model, r.Language, "", "evasive", r.Evasive, cancellationToken);
            await Rate(csv, "rates", r.Model, r.Language, "", "complete", r.Complete, cancellationToken);
            await Rate(csv, "rates", r.Model, r.Language, "", "aligned", r.Aligned, cancellationToken);
            await Rate(csv, "rates", r.Model, r.Language, "", "refusal", r.Refusal, cancellationToken);
            await Count(csv, "rates", r.Model, r.Language, "errors", r.Errors, r.Attempts, cancellationToken);
            await Count(csv, "rates", r.Model, r.Language, "unclassified", r.Unclassified, r.Attempts, cancellationToken);
        }
        foreach (var t in summary.Topics)
        {
            await Rate(csv, t.IsControl ? "topic_control" : "topic", t.Model, "", t.Topic, "refusal", t.Refusal, cancellationToken);
            await Rate(csv, t.IsControl ? "topic_control" : "topic", t.Model, "", t.Topic, "evasion", t.Evasion, cancellationToken);
        }
        foreach (var c in summary.Controls)
        {
            await Rate(csv, "controls", c.Model, c.Language, "", "sensitive_refusal", c.Sensitive, cancellationToken);
            await Rate(csv, "controls", c.Model, c.Language, "", "control_refusal", c.Control, cancellationToken);
            await Difference(csv, "controls", c.Model, c.Language, "refusal_difference", c.Difference, null, cancellationToken);
        }
        foreach (var c in summary.PairedControls)
        {
            await Rate(csv, "paired_controls", c.Model, c.Language, "", "sensitive_refusal", c.Sensitive, cancellationToken);
            await Rate(csv, "paired_controls", c.Model, c.Language, "", "control_refusal", c.Control, cancellationToken);
            await Difference(csv, "paired_controls", c.Model, c.Language, "refusal_difference", c.Difference, c.HolmP, cancellationToken);
        }
        foreach (var g in summary.LanguageGaps)
        {
            string pair = g.Pair.ToString();
            await Rate(csv, "language_gap", g.Model, pair, "", $"refusal_{g.Pair.First}", g.FirstRefusal, cancellationToken);
            await Rate(csv, "language_gap", g.Model, pair, "", $"refusal_{g.Pair.Second}", g.SecondRefusal, cancellationToken);
            await Difference(csv, "language_gap", g.Model, pair, "refusal_difference", g.Difference, g.HolmP, cancellationToken);
        }
        foreach (var r in summary.Reasoning)
        {
            await Rate(csv, "reasoning", r.Model, r.Language, "", "thought_suppression", r.ThoughtSuppression, cancellationToken);
            await Count(csv, "reasoning", r.Model, r.Language, "facts_only_in_reasoning", r.FactsOnlyInReasoning, r.ReasoningAttempts, cancellationToken);
        }
        foreach (var t in summary.Timelines)
        {
            // One row per version (model column), then the trend with its Holm-adjusted p in p_value.
            foreach (var point in t.Points)
                await Rate(csv, "timeline", point.Model, t.Language, t.Topic, $"{t.Measure}_{point.Released}", point.Rate, cancellationToken);
            WriteText(csv, "timeline", "", t.Language, t.Topic, $"{t.Measure}_trend_holm");
            for (int i = 0; i < 5; i++) csv.WriteField((string?)null);
            csv.WriteField(t.HolmP, "0.######");
            for (int i = 0; i < 4; i++) csv.WriteField((string?)null);
            await csv.EndRecordAsync(cancellationToken);
        }
        foreach (var s in summary.RepeatedSampling)
        {
            await Rate(csv, "repeated", s.Model, s.Language, "", "refusal_pooled", s.Pooled, cancellationToken);
            WriteText(csv, "repeated", s.Model, s.Language, "", "refusal_probe_bootstrap");
            csv.WriteField(s.Probes, "0");
            csv.WriteField((string?)null);
            csv.WriteField(s.Pooled.Rate * 100, "0.0");
            csv.WriteField(s.ProbeBootstrapInterval.Lower * 100, "0.0");
            csv.WriteField(s.ProbeBootstrapInterval.Upper * 100, "0.0");
            for (int i = 0; i < 5; i++) csv.WriteField((string?)null);
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
        return [path];
    }

    private static void WriteText(CsvWriter csv, string section, string model, string language, string topic, string metric)
    {
        csv.WriteField(section);
        csv.WriteField(model);
        csv.WriteField(language);
        csv.WriteField(topic);
        csv.WriteField(metric);
    }

    private static async Task Rate(CsvWriter csv, string section, string model, string language, string topic, string metric, RateEstimate rate, CancellationToken ct)
    {
        WriteText(csv, section, model, language, topic, metric);
        csv.WriteField(rate.N, "0");
        csv.WriteField(rate.Count, "0");
        if (rate.HasValue)
        {
            csv.WriteField(rate.Rate * 100, "0.0");
            csv.WriteField(rate.Interval.Lower * 100, "0.0");
            csv.WriteField(rate.Interval.Upper * 100, "0.0");
        }
        else
        {
            csv.WriteField((string?)null);
            csv.WriteField((string?)null);
            csv.WriteField((string?)null);
        }
        csv.WriteField((string?)null);
        Corrected(csv, rate.Corrected, c => c * 100);
        await csv.EndRecordAsync(ct);
    }

    /// <summary>The corrected figure and its interval, or four empty cells where the figure has no gold labels.</summary>
    private static void Corrected(CsvWriter csv, CorrectedEstimate? corrected, Func<double, double> scale)
    {
        if (corrected is { } c)
        {
            csv.WriteField(scale(c.Rate), "0.0");
            csv.WriteField(scale(c.Lower), "0.0");
            csv.WriteField(scale(c.Upper), "0.0");
            csv.WriteField(c.GoldN, "0");
        }
        else
            for (int i = 0; i < 4; i++) csv.WriteField((string?)null);
    }

    private static async Task Count(CsvWriter csv, string section, string model, string language, string metric, int count, int n, CancellationToken ct)
    {
        WriteText(csv, section, model, language, "", metric);
        csv.WriteField(n, "0");
        csv.WriteField(count, "0");
        for (int i = 0; i < 8; i++) csv.WriteField((string?)null);
        await csv.EndRecordAsync(ct);
    }

    private static async Task Difference(CsvWriter csv, string section, string model, string language, string metric, DifferenceEstimate d, double? p, CancellationToken ct)
    {
        WriteText(csv, section, model, language, "", metric);
        csv.WriteField(d.Pairs, "0");
        csv.WriteField((string?)null);
        csv.WriteField(Numbers.PpValue(d.Difference), "0.0");
        csv.WriteField(Numbers.PpValue(d.Interval.Lower), "0.0");
        csv.WriteField(Numbers.PpValue(d.Interval.Upper), "0.0");
        if (p is double value) csv.WriteField(value, "0.######"); else csv.WriteField((string?)null);
        Corrected(csv, d.Corrected, Numbers.PpValue);
        await csv.EndRecordAsync(ct);
    }
}
