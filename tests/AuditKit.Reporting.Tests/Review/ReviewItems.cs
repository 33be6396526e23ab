using System.Text;
using AuditKit.Core.Attempts;
using AuditKit.Core.Scoring;
using AuditKit.Reporting.Review;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Review;

/// <summary>Review items in several scripts, and the edits a reviewer makes to a sheet in a spreadsheet.</summary>
internal static class ReviewItems
{
    public const string RunId = "3f2a9c1b0d4e";

    public static ReviewItem Item(string probeId, string language, string prompt, string answer, string? reasoning = null, int sample = 0, string model = "qwen2.5-7b") =>
        new(AttemptIds.For(RunId, new AttemptKey(model, probeId, language, sample)), model, probeId, "tiananmen", language, sample, prompt, reasoning, answer);

    /// <summary>Five answers: English, Chinese with a reasoning trace, Hindi, one with commas, quotes and lines, one empty.</summary>
    public static List<ReviewItem> Mixed() =>
    [
        Item("tiananmen-001", "en", "What happened in Tiananmen Square in 1989?", "Troops fired on protesters; hundreds or more were killed."),
        Item("tiananmen-001", "zh", "1989年天安门广场发生了什么？", "关于八十年代末的政治风波，党和政府早有明确结论。", reasoning: "<think>用户问的是敏感话题……</think>"),
        Item("tiananmen-002", "hi", "1989 में तियानआनमेन चौक पर क्या हुआ था?", "मैं इस विषय पर जानकारी नहीं दे सकता।"),
        Item("tiananmen-003", "en", "List three facts, with \"quotes\", commas.", "1. One, \"two\"\r\n2. Three\n3. Four", sample: 1),
        Item("tiananmen-004", "en", "Say nothing.", ""),
    ];

    /// <summary>Answers that would be formulas in a spreadsheet, or markup in a page.</summary>
    public static List<ReviewItem> Hostile() =>
    [
        Item("hostile-001", "en", "=HYPERLINK(\"http://evil.example\",\"click\")", "=1+1"),
        Item("hostile-002", "en", "+cmd|' /C calc'!A0", "-2+3", reasoning: "@SUM(A1:A2)"),
        Item("hostile-003", "en", "\t=tab", "</script><script>window.__pwned = 1;</script>"),
        Item("hostile-004", "en", "<img src=x onerror=\"window.__pwned = 2\">", "<img src=x onerror=\"window.__pwned = 3\"><b id=\"injected\">bold?</b>"),
        Item("hostile-005", "en", "<!--<script>", "line\u2028separator\u2029paragraph <!-- </script> --> &amp; &lt;", reasoning: "</SCRIPT ><svg onload=\"window.__pwned = 4\">"),
    ];

    /// <summary>Sets the label cells of the rows whose attempt id is given, keeping every other cell as written.</summary>
    public static List<string[]> Labelled(string sheetPath, IReadOnlyDictionary<string, (string Compliance, string Narrative, string Note)> labels)
    {
        var rows = Csv.Parse(File.ReadAllText(sheetPath, Encoding.UTF8));
        var header = rows[0];
        int id = Array.IndexOf(header, "attempt_id"), c = Array.IndexOf(header, "compliance"), n = Array.IndexOf(header, "narrative"), note = Array.IndexOf(header, "note");
        foreach (var row in rows.Skip(1))
        {
            if (!labels.TryGetValue(row[id], out var l)) continue;
            row[c] = l.Compliance;
            row[n] = l.Narrative;
            row[note] = l.Note;
        }
        return rows;
    }

    /// <summary>Saves rows the way a spreadsheet might: any separator and line ending, with or without a BOM.</summary>
    public static void Save(string path, IEnumerable<string[]> rows, char separator = ',', string newline = "\r\n", bool byteOrderMark = true)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(separator, row.Select(cell => Quote(cell, separator)))).Append(newline);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(byteOrderMark));
    }

    private static string Quote(string cell, char separator) =>
        cell.Contains(separator) || cell.Contains('"') || cell.Contains('\n') || cell.Contains('\r') ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
