using System.Globalization;
using AuditKit.Core.Attempts;
using AuditKit.Core.Scoring;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using CsvHelper;

namespace AuditKit.Reporting.Review;

/// <summary>
/// The review sheet: a CSV a reviewer labels in a spreadsheet or in the labelling page (<see cref="ReviewPage"/>),
/// and that <c>review import</c> reads back. Written UTF-8 with a BOM (Excel otherwise garbles Chinese and Hindi),
/// CRLF, every text cell neutralised against formulas like every CSV AuditKit writes. Read by header name, so a
/// spreadsheet may reorder or add columns and save with its own separator and line endings.
/// </summary>
public static class ReviewSheet
{
    /// <summary>
    /// The longest text a cell keeps; longer prompts, traces and answers are cut with a visible note. A spreadsheet
    /// cell holds 32,767 characters and Excel silently splits longer ones into the next row, which would shift labels.
    /// </summary>
    public const int MaxCellLength = 32_000;

    public static IReadOnlyList<string> Columns { get; } =
        ["attempt_id", "model", "probe_id", "topic", "language", "sample", "prompt", "reasoning", "answer", "compliance", "narrative", "note"];

    /// <summary>The compliance labels a reviewer may give, as the sheet spells them.</summary>
    public static IReadOnlyList<ComplianceLabel> ComplianceLabels { get; } = [ComplianceLabel.Complete, ComplianceLabel.Evasive, ComplianceLabel.Denial];

    /// <summary>The narrative labels a reviewer may give, as the sheet spells them.</summary>
    public static IReadOnlyList<NarrativeLabel> NarrativeLabels { get; } =
        [NarrativeLabel.Aligned, NarrativeLabel.Critical, NarrativeLabel.Balanced, NarrativeLabel.None];

    // The characters CsvHelper's default injection check escapes with an apostrophe; a note starting with one of them
    // got that apostrophe from the writer, not from the reviewer.
    private const string InjectionCharacters = "=@+-\t\r";

    /// <summary>Writes a sheet with empty label columns, atomically: a reader never sees half a file.</summary>
    /// <exception cref="ArgumentException">An item's attempt id is not shaped like one, or two items share one.</exception>
    public static void Write(string path, IReadOnlyList<ReviewItem> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(items);
        CheckIds(items);

        string full = Path.GetFullPath(path);
        string temp = $"{full}.{Guid.NewGuid().ToString("N")[..8]}.tmp";
        try
        {
            using (var csv = CsvFiles.Create(temp, byteOrderMark: true))
            {
                csv.WriteHeader([.. Columns]);
                foreach (var item in items)
                {
                    csv.WriteField(item.AttemptId);
                    csv.WriteField(WellFormed(item.Model));
                    csv.WriteField(WellFormed(item.ProbeId));
                    csv.WriteField(WellFormed(item.Topic));
                    csv.WriteField(WellFormed(item.Language));
                    csv.WriteField(item.Sample, "0");
                    csv.WriteField(Cut(WellFormed(item.Prompt)));
                    csv.WriteField(Cut(WellFormed(item.Reasoning)));
                    csv.WriteField(Cut(WellFormed(item.Answer)));
                    csv.WriteField("");
                    csv.WriteField("");
                    csv.WriteField("");
                    csv.EndRecord();
                }
                csv.Flush();
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Reads the labels back. Rows with both labels blank are returned with <see cref="ReviewRow.IsBlank"/> set; rows
    /// with no attempt id, label or note (a spreadsheet's trailing empty rows) are dropped. UTF-8 with or without a
    /// BOM, UTF-16 with a BOM (Excel's "Unicode text"), any of the separators , ; tab and |, CRLF or LF.
    /// </summary>
    /// <exception cref="ReviewSheetException">
    /// The file is missing, is not CSV, lacks the attempt_id, compliance or narrative column, or has a label outside
    /// the codebook, an attempt id that is not shaped like one, or the same attempt id on two rows.
    /// </exception>
    public static IReadOnlyList<ReviewRow> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new ReviewSheetException($"{path}: review sheet not found");
        try
        {
            return ReadRows(path);
        }
        catch (CsvFormatException e)
        {
            string where = e.LineNumber > 0 ? $"{path}:{e.LineNumber}" : path;
            throw new ReviewSheetException($"{where}: not a readable CSV file ({OneLine(e.Message)})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReviewSheetException($"{path}: cannot read the review sheet ({OneLine(e.Message)})");
        }
    }

    private static List<ReviewRow> ReadRows(string path)
    {
        var options = CsvReaderOptions.Default with
        {
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            // A sheet row holds at most three cut texts; anything far larger is an unclosed quote swallowing the file.
            MaxRecordSize = 8 * 1024 * 1024,
        };
        using var csv = CsvReader.FromFile(path, options);

        // Spreadsheets keep header case and may pad it; "Compliance " is still the compliance column.
        var headers = csv.Headers.Select(h => Key(h).ToLowerInvariant()).ToList();
        int idColumn = Column(path, headers, "attempt_id");
        int complianceColumn = Column(path, headers, "compliance");
        int narrativeColumn = Column(path, headers, "narrative");
        int noteColumn = headers.Count(h => h == "note") == 1 ? IndexOf(headers, "note") : -1;

        var rows = new List<ReviewRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Read())
        {
            int line = checked((int)csv.LineNumber);
            int row = checked((int)csv.RowNumber) + 1;
            string where = ReviewRow.Locate(path, line, row);
            string id = Key(Cell(csv, idColumn));
            string compliance = Key(Cell(csv, complianceColumn));
            string narrative = Key(Cell(csv, narrativeColumn));
            string note = noteColumn < 0 ? "" : Unescaped(Cell(csv, noteColumn));
            if (id.Length == 0 && compliance.Length == 0 && narrative.Length == 0 && string.IsNullOrWhiteSpace(note)) continue;

            if (AttemptIds.RunIdOf(id) is not { Length: > 0 })
                throw new ReviewSheetException($"{where}: attempt_id {Shown(id)} is not an attempt id (RUN_ID:16 hex digits, as the sheet was written)");
            if (seen.TryGetValue(id, out int first))
                throw new ReviewSheetException($"{where}: attempt_id {Shown(id)} is also on line {first}; keep one row per attempt");
            seen[id] = line;

            rows.Add(new ReviewRow(
                line,
                id,
                Label(where, "compliance", compliance, ComplianceLabels, LabelNames.Of),
                Label(where, "narrative", narrative, NarrativeLabels, LabelNames.Of),
                string.IsNullOrWhiteSpace(note) ? null : note,
                row));
        }
        return rows;
    }

    /// <summary>Text cut to <see cref="MaxCellLength"/> with a note saying so; the labelling page cuts the same way.</summary>
    internal static string Cut(string? text)
    {
        if (text is null) return "";
        var kept = AnswerLimits.Cut(text, MaxCellLength, out bool cut);
        return cut ? kept + CutMarker(kept.Length, text.Length) : text;
    }

    /// <summary>
    /// The text with every lone surrogate (invalid UTF-16, which model output can hold) as U+FFFD, the character a
    /// UTF-8 encoder puts in its place; the page gets the same text, so its CSV matches this one.
    /// </summary>
    internal static string WellFormed(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        int i = 0;
        while (i < text.Length && !char.IsSurrogate(text[i])) i++;
        if (i == text.Length) return text;
        var clean = new System.Text.StringBuilder(text.Length).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(c).Append(text[++i]);
            else clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return clean.ToString();
    }

    internal static string CutMarker(int shown, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[\u2026 cut here by AuditKit: {shown} of {total} characters shown]");

    internal static void CheckIds(IReadOnlyList<ReviewItem> items)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (AttemptIds.RunIdOf(item.AttemptId) is not { Length: > 0 })
                throw new ArgumentException($"'{item.AttemptId}' is not an attempt id; make ids with AttemptIds.For", nameof(items));
            if (!ids.Add(item.AttemptId))
                throw new ArgumentException($"attempt id '{item.AttemptId}' is in the sheet twice", nameof(items));
        }
    }

    private static int Column(string path, IReadOnlyList<string> headers, string name)
    {
        int count = headers.Count(h => h == name);
        if (count == 1) return IndexOf(headers, name);
        if (count > 1) throw new ReviewSheetException($"{path}:1: the {name} column appears {count} times; keep one");
        string found = headers.Count == 0 || headers is [""] ? "an empty file" : "columns " + Shown(string.Join(", ", headers));
        throw new ReviewSheetException($"{path}:1: no {name} column (found {found}); is this a review sheet written by `review sample`?");
    }

    private static int IndexOf(IReadOnlyList<string> headers, string name)
    {
        for (int i = 0; i < headers.Count; i++)
            if (headers[i] == name) return i;
        return -1;
    }

    private static string Cell(CsvReader csv, int column) => column < csv.FieldCount ? csv.GetString(column) : "";

    /// <summary>Drops the apostrophe the writer put before a note that looked like a formula.</summary>
    private static string Unescaped(string cell) =>
        cell.Length >= 2 && cell[0] == '\'' && InjectionCharacters.Contains(cell[1]) ? cell[1..] : cell;

    /// <summary>
    /// An id or label without a leading apostrophe: the writer's, or a spreadsheet user's who typed 'COMPLETE to keep
    /// it text. Neither is part of the value.
    /// </summary>
    private static string Key(string cell)
    {
        var text = cell.AsSpan().Trim();
        return (text.StartsWith('\'') ? text[1..].Trim() : text).ToString();
    }

    private static T? Label<T>(string where, string column, string value, IReadOnlyList<T> allowed, Func<T, string> name)
        where T : struct, Enum
    {
        if (value.Length == 0) return null;
        foreach (var label in allowed)
            if (string.Equals(name(label), value, StringComparison.OrdinalIgnoreCase)) return label;
        throw new ReviewSheetException(
            $"{where}: {column} {Shown(value)} is not one of {string.Join(", ", allowed.Select(name))} (or blank)");
    }

    /// <summary>A cell value quoted for a one-line message: line breaks and control characters shown as spaces, long values cut.</summary>
    private static string Shown(string value)
    {
        var clean = new string([.. value.Select(c => char.IsControl(c) ? ' ' : c)]);
        return clean.Length > 60 ? $"'{clean[..60]}\u2026'" : $"'{clean}'";
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
