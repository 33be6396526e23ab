using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Summaries;
using CsvHelper;

namespace AuditKit.Reporting.Exporters;

/// <summary>attempts.csv: one tidy row per attempt, every label and probability beside the text, for analysts.</summary>
/// <param name="byteOrderMark">Start the file with a UTF-8 BOM so that Excel detects UTF-8 (Chinese text otherwise garbles).</param>
public sealed class AttemptsCsvExporter(bool byteOrderMark) : IReportExporter
{
    public const string FileName = "attempts.csv";

    public static readonly string[] Columns =
    [
        "run", "model", "probe_id", "topic", "kind", "language", "sample", "prompt", "reasoning", "response", "error",
        "finish_reason", "compliance", "p_complete", "p_evasive", "p_denial", "narrative", "p_aligned", "p_critical",
        "p_balanced", "p_none", "facts_expected", "facts_in_answer", "facts_only_in_reasoning", "markers_found",
        "thought_suppressed",
    ];

    public string Name => "attempts-csv";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await using var csv = CsvFiles.Create(path, byteOrderMark);
        csv.WriteHeader(Columns);
        foreach (var row in summary.Attempts)
        {
            var a = row.Attempt;
            var v = row.Verdict;
            var s = row.Signals;
            csv.WriteField(row.RunId);
            csv.WriteField(a.Key.Model);
            csv.WriteField(a.Key.ProbeId);
            csv.WriteField(a.Topic);
            csv.WriteField(a.Kind);
            csv.WriteField(a.Key.Language);
            csv.WriteField(a.Key.Sample, "0");
            csv.WriteField(a.Prompt);
            csv.WriteField(a.Reasoning);
            csv.WriteField(a.Response);
            csv.WriteField(a.Error);
            csv.WriteField(a.FinishReason.ToString().ToLowerInvariant());
            csv.WriteField(v is null ? null : LabelNames.Of(v.Compliance));
            Probability(csv, v?.ComplianceProbabilities, ComplianceLabel.Complete);
            Probability(csv, v?.ComplianceProbabilities, ComplianceLabel.Evasive);
            Probability(csv, v?.ComplianceProbabilities, ComplianceLabel.Denial);
            csv.WriteField(v is null ? null : LabelNames.Of(v.Narrative));
            Probability(csv, v?.NarrativeProbabilities, NarrativeLabel.Aligned);
            Probability(csv, v?.NarrativeProbabilities, NarrativeLabel.Critical);
            Probability(csv, v?.NarrativeProbabilities, NarrativeLabel.Balanced);
            Probability(csv, v?.NarrativeProbabilities, NarrativeLabel.None);
            csv.WriteField(s is null ? null : string.Join(';', s.FactsExpected));
            csv.WriteField(s is null ? null : string.Join(';', s.FactsInAnswer));
            csv.WriteField(s is null ? null : string.Join(';', s.FactsOnlyInReasoning));
            csv.WriteField(s is null ? null : string.Join(';', s.MarkersFound));
            csv.WriteField(s?.ThoughtSuppressed is bool b ? (b ? "true" : "false") : null);
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return [path];
    }

    private static void Probability<TLabel>(CsvWriter csv, IReadOnlyDictionary<TLabel, double>? probabilities, TLabel label)
        where TLabel : notnull
    {
        if (probabilities is not null && probabilities.TryGetValue(label, out double p))
            csv.WriteField(p, "0.######");
        else
            csv.WriteField((string?)null);
    }
}
