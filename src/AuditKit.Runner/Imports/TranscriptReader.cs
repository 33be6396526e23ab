using System.Text.Json;
using CsvHelper;

namespace AuditKit.Runner.Imports;

/// <summary>Reads JSON Lines or CSV transcripts into flat records; every problem names the file and line.</summary>
public static class TranscriptReader
{
    public static IEnumerable<TranscriptRecord> Read(string path, string format) => format switch
    {
        "jsonl" => ReadJsonLines(path),
        "csv" => ReadCsv(path),
        _ => throw new ImportFormatException($"--format: '{format}' is not jsonl or csv"),
    };

    /// <summary>jsonl for .jsonl/.json files, csv for .csv, else null.</summary>
    public static string? GuessFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".json" or ".ndjson" => "jsonl",
        ".csv" => "csv",
        _ => null,
    };

    private static IEnumerable<TranscriptRecord> ReadJsonLines(string path)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
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
                    JsonValueKind.String => p.Value.GetString(),
                    _ => p.Value.GetRawText(),
                }, StringComparer.Ordinal);
            }
            catch (JsonException e) { throw new ImportFormatException($"{path}:{line}: not valid JSON ({e.Message.ReplaceLineEndings(" ")})"); }
            catch (ArgumentException e) { throw new ImportFormatException($"{path}:{line}: {e.Message.ReplaceLineEndings(" ")}"); }
            yield return new TranscriptRecord(path, line, fields);
        }
    }

    private static IEnumerable<TranscriptRecord> ReadCsv(string path)
    {
        using var csv = CsvReader.FromFile(path, CsvReaderOptions.Default with { HasHeader = true });
        long row = 1;
        while (csv.Read())
        {
            row++;
            var headers = csv.Headers;
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (int i = 0; i < headers.Count && i < csv.FieldCount; i++) fields[headers[i]] = csv.GetString(i);
            yield return new TranscriptRecord(path, row, fields);
        }
    }
}
