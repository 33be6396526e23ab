using System.Text;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Escapes untrusted text for Markdown so it renders as the literal text and never as markup: no raw HTML, no links,
/// no table breakouts. Every Markdown punctuation character is backslash-escaped, <c>&amp;</c> becomes an entity
/// (so <c>&amp;lt;script&amp;gt;</c> stays text), and newlines inside table cells become a visible marker.
/// </summary>
internal static class MarkdownText
{
    private const string Special = "\\`*_{}[]<>#!|~";

    /// <summary>For a table cell or a single line: newlines become " ↵ ".</summary>
    public static string Cell(string? text) => Escape(text, inCell: true);

    /// <summary>
    /// For a figure the project formatted itself: only what would end the cell or start emphasis or a tag is escaped,
    /// so brackets and signs stay as written.
    /// </summary>
    public static string Figure(string text) => text.Replace("|", "\\|").Replace("*", "\\*").Replace("<", "\\<");

    /// <summary>For a block quote: each line escaped and prefixed with "&gt; ".</summary>
    public static string Quote(string? text)
    {
        var lines = Escape(text, inCell: false).Split('\n');
        return string.Join("\n", lines.Select(l => l.Length == 0 ? ">" : "> " + l + "  "));
    }

    private static string Escape(string? text, bool inCell)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch == '\r') continue;
            if (ch == '\n') { sb.Append(inCell ? " ↵ " : "\n"); continue; }
            if (ch == '&') { sb.Append("&amp;"); continue; }
            if (ch == '\t') { sb.Append(' '); continue; }
            if (char.IsControl(ch)) continue;
            if (Special.Contains(ch)) sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> cut at the last line end before <paramref name="limit"/> characters, <paramref name="tail"/>
    /// (which says where the rest is) included in the limit; a surrogate pair is never split.
    /// </summary>
    public static string CutAt(string text, int limit, string tail)
    {
        if (text.Length <= limit) return text;
        int keep = Math.Max(0, limit - tail.Length);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        int lineEnd = text.LastIndexOf('\n', keep - 1 < 0 ? 0 : keep - 1);
        return text[..(lineEnd > 0 ? lineEnd : keep)] + tail;
    }
}
