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
}
