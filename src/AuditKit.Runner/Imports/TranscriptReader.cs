using System.Text.Json;
using System.Text.RegularExpressions;
using CsvHelper;

namespace AuditKit.Runner.Imports;

/// <summary>Reads JSON Lines or CSV transcripts into flat records; every problem names the file and line.</summary>
public static class TranscriptReader
{
    /// <param name="maxLineChars">A JSON Lines line longer than this, or a CSV record of more than four bytes per such character, is refused before it is held whole.</param>
    public static IEnumerable<TranscriptRecord> Read(string path, string format, long maxLineChars) => format switch
    {
        "jsonl" => ReadJsonLines(path, maxLineChars),
        "csv" => ReadCsv(path, maxLineChars),
        _ => throw new ImportFormatException($"--format: '{format}' is not jsonl or csv"),
    };

    /// <summary>jsonl for .jsonl/.json files, csv for .csv, else null.</summary>
    public static string? GuessFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".json" or ".ndjson" => "jsonl",
        ".csv" => "csv",
        _ => null,
    };

    private static IEnumerable<TranscriptRecord> ReadJsonLines(string path, long maxLineChars)
    {
        long line = 0;
        foreach (var text in BoundedLines(path, maxLineChars))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            Dictionary<string, string?> fields;
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new ImportFormatException($"{path}:{line}: expected a JSON object");
                fields = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => StringValue(p.Value),
                    _ => p.Value.GetRawText(),
                }, StringComparer.Ordinal);
            }
            catch (JsonException e) { throw new ImportFormatException($"{path}:{line}: not valid JSON ({e.Message.ReplaceLineEndings(" ")})"); }
            catch (ArgumentException e) { throw new ImportFormatException($"{path}:{line}: {e.Message.ReplaceLineEndings(" ")}"); }
            yield return new TranscriptRecord(path, line, fields);
        }
    }

    /// <summary>Like File.ReadLines, but a line is refused once it passes the limit, before it is read whole.</summary>
    private static IEnumerable<string> BoundedLines(string path, long maxLineChars)
    {
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var line = new System.Text.StringBuilder();
        var buffer = new char[64 * 1024];
        long number = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                line.Append(buffer, start, i - start);
                start = i + 1;
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                if (line.Length > maxLineChars) break;
                yield return line.ToString();
                line.Clear();
                number++;
            }
            line.Append(buffer, start, read - start);
            if (line.Length > maxLineChars)
                throw new ImportFormatException($"{path}:{number}: the line is longer than {maxLineChars} characters, more than a record within --max-field-chars can take");
        }
        if (line.Length > 0) yield return line.ToString();
    }

    // An unpaired surrogate escape (\ud800 alone) outside a pair, in either order.
    private static readonly Regex LoneSurrogateEscape = new(
        @"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}",
        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>
    /// System.Text.Json will not return a string holding an unpaired surrogate escape; model output can hold one. The
    /// store keeps such text with U+FFFD in its place, as it does for a native run, instead of refusing the file.
    /// </summary>
    private static string? StringValue(JsonElement value)
    {
        try { return value.GetString(); }
        catch (InvalidOperationException)
        {
            using var repaired = JsonDocument.Parse(LoneSurrogateEscape.Replace(value.GetRawText(), "\\ufffd"));
            return repaired.RootElement.GetString();
        }
    }

    private static IEnumerable<TranscriptRecord> ReadCsv(string path, long maxLineChars)
    {
        // CsvHelper counts UTF-8 bytes; four per character bounds any character. An unclosed quote near the top of a
        // large file would otherwise make the rest of the file one record, held whole.
        int maxRecordBytes = (int)Math.Min(4 * maxLineChars, Array.MaxLength / 2);
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { HasHeader = true, MaxRecordSize = maxRecordBytes });
        long row = 1;
        while (NextRecord(csv, path, row, maxRecordBytes))
        {
            row++;
            var headers = csv.Headers;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (int i = 0; i < headers.Count && i < csv.FieldCount; i++) fields[headers[i]] = csv.GetString(i);
            yield return new TranscriptRecord(path, row, fields);
        }
    }

    private static bool NextRecord(CsvReader csv, string path, long row, int maxRecordBytes)
    {
        try { return csv.Read(); }
        catch (CsvFormatException e)
        {
            // The row as a spreadsheet numbers it (the header is row 1), as every other import message does.
            throw new ImportFormatException(e.Message.Contains("MaxRecordSize", StringComparison.Ordinal)
                ? $"{path}: row {row + 1}: the record is longer than {maxRecordBytes} bytes, more than a record within --max-field-chars can take (an unclosed quote?)"
                : $"{path}: row {row + 1}: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
