using AuditKit.Reporting.Summaries;
using CsvHelper;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// attempts.csv: one tidy row per attempt, every label and probability beside the text, for analysts. A text longer than
/// a spreadsheet cell holds is cut with a visible marker (<see cref="CsvFiles.Fit"/>).
/// </summary>
/// <param name="byteOrderMark">Start the file with a UTF-8 BOM so that Excel detects UTF-8 (Chinese text otherwise garbles).</param>
public sealed class AttemptsCsvExporter(bool byteOrderMark) : IReportExporter
{
    public const string FileName = "attempts.csv";

    public static IReadOnlyList<string> Columns => AttemptFields.Columns;

    public string Name => "attempts-csv";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await WriteAsync(summary.AttemptsWithTexts, path, byteOrderMark, cancellationToken).ConfigureAwait(false);
        return [path];
    }

    /// <summary>Writes rows to any path; <c>auditkit export --format csv</c> uses this directly.</summary>
    public static async Task WriteAsync(IEnumerable<AttemptRow> rows, string path, bool byteOrderMark, CancellationToken cancellationToken)
    {
        await using var csv = CsvFiles.Create(path, byteOrderMark);
        csv.WriteHeader(AttemptFields.Columns);
        foreach (var row in rows)
        {
            foreach (var value in AttemptFields.Values(row)) WriteValue(csv, value);
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void WriteValue(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null: csv.WriteField((string?)null); break;
            case int i: csv.WriteField(i, "0"); break;
            case double d: csv.WriteField(d, "0.######"); break;
            case bool b: csv.WriteField(b ? "true" : "false"); break;
            case IReadOnlyList<string> list: csv.WriteField(string.Join(';', list)); break;
            case string text: csv.WriteField(CsvFiles.Fit(text)); break;
            default: csv.WriteField(CsvFiles.Fit(value.ToString())); break;
        }
    }
}
