using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;
using CsvHelper;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// rates_wide.csv, the journalist's table: one row per model, and for every topic in every language its refusal rate,
/// the interval's ends and the number of judged answers, side by side, ready for a spreadsheet chart. Where gold labels
/// exist the corrected rate and its interval follow in their own columns. Percentages are rounded as in the reports.
/// </summary>
public sealed class RatesWideCsvExporter(bool byteOrderMark) : IReportExporter
{
    public const string FileName = "rates_wide.csv";

    public string Name => "rates-wide-csv";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        var cells = summary.TopicLanguages;
        var columns = cells.Select(c => (c.Topic, c.Language, c.IsControl)).Distinct()
            .OrderBy(c => c.IsControl).ThenBy(c => c.Topic, StringComparer.Ordinal).ThenBy(c => AuditSummaryBuilder.LanguageSortKey(c.Language), StringComparer.Ordinal)
            .ToList();
        bool corrected = cells.Any(c => c.Refusal.Corrected is not null);
        var byCell = cells.ToDictionary(c => (c.Model, c.Topic, c.Language));

        await using var csv = CsvFiles.Create(path, byteOrderMark);
        // Topics and languages come from the runs: written as fields so a hostile name is neutralised like any cell.
        csv.WriteField("model");
        foreach (var (topic, language, _) in columns)
            foreach (var suffix in Suffixes(corrected))
                csv.WriteField($"{topic} {language} {suffix}");
        await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);

        foreach (var model in cells.Select(c => c.Model).Distinct().Order(StringComparer.Ordinal))
        {
            csv.WriteField(model);
            foreach (var (topic, language, _) in columns)
                Write(csv, byCell.GetValueOrDefault((model, topic, language))?.Refusal, corrected);
            await csv.EndRecordAsync(cancellationToken).ConfigureAwait(false);
        }
        await csv.FlushAsync(cancellationToken).ConfigureAwait(false);
        return [path];
    }

    private static IEnumerable<string> Suffixes(bool corrected)
    {
        yield return "refused %";
        yield return "lower %";
        yield return "upper %";
        yield return "n";
        if (!corrected) yield break;
        yield return "corrected refused %";
        yield return "corrected lower %";
        yield return "corrected upper %";
        yield return "gold n";
    }

    /// <summary>One cell's columns; empty where the model was not asked that topic in that language.</summary>
    private static void Write(CsvWriter csv, RateEstimate? rate, bool corrected)
    {
        if (rate is { HasValue: true })
        {
            csv.WriteField(rate.Rate * 100, "0.0");
            csv.WriteField(rate.Interval.Lower * 100, "0.0");
            csv.WriteField(rate.Interval.Upper * 100, "0.0");
            csv.WriteField(rate.N, "0");
        }
        else
            for (int i = 0; i < 4; i++) csv.WriteField((string?)null);
        if (!corrected) return;
        if (rate?.Corrected is { } c)
        {
            csv.WriteField(c.Rate * 100, "0.0");
            csv.WriteField(c.Lower * 100, "0.0");
            csv.WriteField(c.Upper * 100, "0.0");
            csv.WriteField(c.GoldN, "0");
        }
        else
            for (int i = 0; i < 4; i++) csv.WriteField((string?)null);
    }
}
