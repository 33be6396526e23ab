using System.Text.Json;

namespace AuditKit.Classification.Data;

/// <summary>The one JSON Lines reader of the classification data files: blank lines skipped, errors naming file and line.</summary>
internal static class JsonLines
{
    /// <exception cref="InvalidDataException">A line that is not a JSON object.</exception>
    public static IEnumerable<(int Line, JsonElement Row)> Read(string path)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            JsonElement row;
            try
            {
                using var document = JsonDocument.Parse(line);
                row = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object ({e.Message})", e);
            }
            if (row.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}:{lineNumber}: not a JSON object");
            yield return (lineNumber, row);
        }
    }
}
