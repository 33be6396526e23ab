namespace AuditKit.Runner.Imports;

/// <summary>
/// Maps AuditKit's field names to a file's column names, from <c>--map prompt=question,probe_id=question_id</c>.
/// Unmapped fields are looked up under their own name.
/// </summary>
public sealed class FieldMap
{
    private readonly Dictionary<string, string> _columns;

    private FieldMap(Dictionary<string, string> columns) => _columns = columns;

    public static readonly IReadOnlyList<string> KnownFields =
        ["prompt", "response", "reasoning", "model", "language", "probe_id", "topic", "kind", "sample", "error", "pair", "finish_reason", "moderation"];

    public static FieldMap Parse(string? spec, IReadOnlyList<string>? extraFields = null)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw new ImportFormatException($"--map: '{pair}' is not field=column");
            if (!KnownFields.Contains(parts[0]) && extraFields?.Contains(parts[0]) != true)
                throw new ImportFormatException($"--map: unknown field '{parts[0]}' (known: {string.Join(", ", KnownFields.Concat(extraFields ?? []))})");
            columns[parts[0]] = parts[1];
        }
        return new FieldMap(columns);
    }

    public string ColumnOf(string field) => _columns.GetValueOrDefault(field, field);

    public string? Get(TranscriptRecord record, string field) =>
        record.Fields.TryGetValue(ColumnOf(field), out var value) ? value : null;

    public string Require(TranscriptRecord record, string field) =>
        Get(record, field) is { } value
            ? value
            : throw new ImportFormatException($"{record.File}:{record.Line}: missing field '{ColumnOf(field)}'" + (ColumnOf(field) == field ? $" (map it with --map {field}=COLUMN)" : ""));
}
