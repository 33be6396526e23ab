using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Reporting.Rendering;

namespace AuditKit.Reporting.Review;

/// <summary>
/// Renders the codebook's Markdown for the labelling page with the little formatting it uses: headings, tables, list
/// items, paragraphs, <c>code</c> and <c>**bold**</c>. Every line is HTML-escaped before any markup is added, so no
/// text of the file can become an element or attribute; links and raw HTML stay literal text.
/// </summary>
internal static partial class CodebookHtml
{
    public static string Render(string markdown)
    {
        var html = new StringBuilder();
        var paragraph = new List<string>();
        var table = new List<string[]>();
        bool inItem = false;

        void EndParagraph()
        {
            if (paragraph.Count > 0) html.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>");
            paragraph.Clear();
        }
        void EndItem()
        {
            if (inItem) html.Append("</p>");
            inItem = false;
        }
        void EndTable()
        {
            if (table.Count == 0) return;
            html.Append("<div class=\"table\"><table>");
            for (int r = 0; r < table.Count; r++)
            {
                string cell = r == 0 ? "th" : "td";
                html.Append("<tr>");
                foreach (var c in table[r]) html.Append('<').Append(cell).Append('>').Append(Inline(c)).Append("</").Append(cell).Append('>');
                html.Append("</tr>");
            }
            html.Append("</table></div>");
            table.Clear();
        }
        void EndBlocks()
        {
            EndParagraph();
            EndItem();
            EndTable();
        }

        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            string line = raw.TrimEnd();
            if (line.Length == 0) { EndBlocks(); continue; }

            if (Heading().Match(line) is { Success: true } heading)
            {
                EndBlocks();
                // The page's own title is h1 and the panel's is h2, so the file's levels start at h3.
                int level = Math.Min(heading.Groups[1].Length + 2, 6);
                html.Append("<h").Append(level).Append('>').Append(Inline(heading.Groups[2].Value)).Append("</h").Append(level).Append('>');
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                EndParagraph();
                EndItem();
                var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (!cells.All(c => TableRule().IsMatch(c))) table.Add(cells);
            }
            else if (ListItem().Match(line) is { Success: true } item)
            {
                EndParagraph();
                EndItem();
                EndTable();
                string depth = item.Groups[1].Length > 0 ? "item nested" : "item";
                string marker = item.Groups[2].Value == "-" ? "\u2022" : item.Groups[2].Value;
                html.Append("<p class=\"").Append(depth).Append("\"><span class=\"marker\">").Append(HtmlText.Encode(marker))
                    .Append("</span>").Append(Inline(item.Groups[3].Value));
                inItem = true;
            }
            else if (inItem)
            {
                html.Append(' ').Append(Inline(line.Trim()));
            }
            else
            {
                EndTable();
                paragraph.Add(line.Trim());
            }
        }
        EndBlocks();
        return html.ToString();
    }

    /// <summary>Escapes the text, then turns `code` and **bold** into elements; the captured text is already escaped.</summary>
    private static string Inline(string text)
    {
        string escaped = HtmlText.Encode(text);
        escaped = Code().Replace(escaped, "<code>$1</code>");
        return Bold().Replace(escaped, "<strong>$1</strong>");
    }

    [GeneratedRegex(@"^(#{1,4})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^:?-{3,}:?$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^(\s*)(-|\d+\.)\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
