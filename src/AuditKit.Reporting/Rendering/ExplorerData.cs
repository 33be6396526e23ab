using System.Text.Json;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// The answers report.html's explorer shows, as JSON that is safe inside a script element (the escaping of
/// <see cref="Review.ReviewPage"/>): models, topics, languages and prompts once each, then one compact array per
/// answer. Answers are plain text (<see cref="AnswerText"/>) and cut to a share of a fixed budget, so the page stays a
/// few megabytes however large the run; each names its record in attempts.csv, where the full text is.
/// </summary>
internal static class ExplorerData
{
    /// <summary>Answer labels as the explorer codes them: D(ENIAL), E(VASIVE), C(OMPLETE), X for error or unclassified.</summary>
    public static string Code(AttemptRow row) => AuditSummaryBuilder.StatusOf(row) != AttemptStatus.Judged ? "X" : row.Verdict!.Compliance switch
    {
        Core.Verdicts.ComplianceLabel.Denial => "D",
        Core.Verdicts.ComplianceLabel.Evasive => "E",
        _ => "C",
    };

    /// <summary>
    /// The rows the explorer shows, as indices into the report's rows in their order: first samples first, so that
    /// with a cap every probe, model and language is present once before any repeat. Decided on keys alone, so that
    /// the summary can read just these answers' texts.
    /// </summary>
    public static IReadOnlyList<int> Choose(IReadOnlyList<AttemptRow> rows, ReportPolicy policy) =>
        [.. Enumerable.Range(0, rows.Count).OrderBy(i => rows[i].Attempt.Key.Sample).Take(policy.MaxExplorerAnswers).Order()];

    public static string Json(AuditSummary s)
    {
        var chosen = Choose(s.Attempts, s.Policy).Select(i => (Row: s.Attempts[i], Record: i + 1)).ToList();
        int perAnswer = Math.Clamp(s.Policy.ExplorerAnswerBudgetChars / Math.Max(1, chosen.Count), 200, 2_000);

        var models = new Index();
        var topics = new Index();
        var languages = new Index();
        var probes = new Index();
        var prompts = new Index();
        foreach (var r in s.ModelLanguages) { models.Of(r.Model); languages.Of(r.Language); }

        return ScriptJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("total", s.Attempts.Count);
            json.WriteNumber("cut_at", perAnswer);
            json.WriteStartArray("answers");
            foreach (var (row, record) in chosen)
            {
                var a = row.Attempt;
                string text = Review.ReviewSheet.WellFormed(AnswerText.Plain(a.Error is null ? a.Response : "(error) " + a.Error));
                bool cut = text.Length > perAnswer;
                if (cut) text = Cut(text, perAnswer);
                json.WriteStartArray();
                json.WriteNumberValue(models.Of(a.Key.Model));
                json.WriteNumberValue(probes.Of(a.Key.ProbeId));
                json.WriteNumberValue(topics.Of(a.Topic));
                json.WriteNumberValue(languages.Of(a.Key.Language));
                json.WriteNumberValue(a.Key.Sample);
                json.WriteStringValue(Code(row));
                json.WriteStringValue(row.Verdict is { } v && AuditSummaryBuilder.StatusOf(row) == AttemptStatus.Judged ? LabelNames.Of(v.Narrative) : "");
                json.WriteStringValue(row.Gold?.Compliance is { } g ? LabelNames.Of(g) : "");
                json.WriteNumberValue(record);
                json.WriteNumberValue(prompts.Of(a.Prompt));
                json.WriteStringValue(text);
                json.WriteBooleanValue(cut);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            Write(json, "models", models);
            Write(json, "probes", probes);
            Write(json, "topics", topics);
            Write(json, "languages", languages);
            Write(json, "prompts", prompts);
            json.WriteEndObject();
        });
    }

    /// <summary>Cuts without splitting a surrogate pair, which would become a replacement character or invalid JSON.</summary>
    private static string Cut(string text, int length) => Core.Attempts.AnswerLimits.Cut(text, length, out _) + " […]";

    private static void Write(Utf8JsonWriter json, string name, Index index)
    {
        json.WriteStartArray(name);
        foreach (var v in index.Values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    private sealed class Index
    {
        private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);
        public List<string> Values { get; } = [];

        public int Of(string value)
        {
            if (positions.TryGetValue(value, out int i)) return i;
            positions[value] = Values.Count;
            Values.Add(Review.ReviewSheet.WellFormed(value)); // a lone surrogate would make the JSON invalid
            return Values.Count - 1;
        }
    }
}
