using System.Globalization;
using CsvHelper;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// CSV settings shared by every CSV file AuditKit writes. Model output is untrusted: a cell starting with = + - @,
/// tab or CR gets a leading apostrophe so a spreadsheet shows it as text instead of running it as a formula.
/// </summary>
internal static class CsvFiles
{
    public static CsvWriterOptions Options(bool byteOrderMark) => CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionEscape = '\'',
        WriteByteOrderMark = byteOrderMark,
        FormatProvider = CultureInfo.InvariantCulture,
        NewLine = "\r\n",
    };

    public static CsvWriter Create(string path, bool byteOrderMark) => CsvWriter.ToFile(path, Options(byteOrderMark));

    /// <summary>
    /// Characters a cell keeps: spreadsheets stop at 32,767 per cell and then shift or drop the rest of the row, so
    /// longer text is cut below that, leaving room for the marker.
    /// </summary>
    public const int MaxCellChars = 32_000;

    /// <summary>Marks a cut cell; a reader searching the sheet for it finds every one.</summary>
    public const string CutMarker = "[CUT BY AUDITKIT";

    /// <summary>
    /// Untrusted text for one cell: as it is, or cut at <see cref="MaxCellChars"/> with a visible marker saying how long
    /// it was and where the whole text is (the run store, through <c>auditkit export --format jsonl</c>).
    /// </summary>
    public static string? Fit(string? text)
    {
        if (text is null) return null;
        var kept = Core.Attempts.AnswerLimits.Cut(text, MaxCellChars, out bool cut);
        return !cut ? text : string.Create(CultureInfo.InvariantCulture,
            $"{kept} {CutMarker}: {text.Length:N0} characters in all, more than a spreadsheet cell holds; auditkit export --format jsonl has the whole text]");
    }
}
