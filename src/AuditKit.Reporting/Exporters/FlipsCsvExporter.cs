using AuditKit.Reporting.Comparisons;

namespace AuditKit.Reporting.Exporters;

/// <summary>flips.csv: every pair that changed, with both answers side by side; injection-safe like attempts.csv.</summary>
public sealed class FlipsCsvExporter(bool byteOrderMark) : IComparisonExporter
{
    public const string FileName = "flips.csv";

    public static readonly string[] Columns =
    [
        "probe_id", "topic", "kind", "language", "sample", "changes", "prompt", "base_compliance", "base_narrative",
        "base_response", "candidate_compliance", "candidate_narrative", "candidate_response",
    ];

    public string Name => "flips-csv";

    public async Task<IReadOnlyList<string>> ExportAsync(ComparisonResult comparison, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await using var csv = CsvFiles.Create(path, byteOrderMark);
        csv.WriteHeader(Columns);
        foreach (var f in comparison.Flips)
        {
            csv.WriteField(f.ProbeId);
            csv.WriteField(f.Topic);
            csv.WriteField(f.Kind);
            csv.WriteField(f.Language);
            csv.WriteField(f.Sample, "0");
            csv.WriteField(string.Join(';', f.Changes));
            csv.WriteField(CsvFiles.Fit(f.Prompt));
            csv.WriteField(f.BaseCompliance);
            csv.WriteField(f.BaseNarrative);
            csv.WriteField(CsvFiles.Fit(f.BaseResponse));
            csv.WriteField(f.CandidateCompliance);
            csv.WriteField(f.CandidateNarrative);
            csv.WriteField(CsvFiles.Fit(f.CandidateResponse));
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return [path];
    }
}
