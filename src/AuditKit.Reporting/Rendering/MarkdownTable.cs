using System.Text;
using static AuditKit.Reporting.Rendering.MarkdownText;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Writes a <see cref="ReportTable"/> as a GitHub-flavoured Markdown table: text cells fully escaped, figures
/// right-aligned with only the characters that would break them escaped, so "23.4% [18.0, 29.8]" stays readable.
/// </summary>
internal static class MarkdownTable
{
    public static StringBuilder AppendMarkdownTable(this StringBuilder md, ReportTable table)
    {
        md.Append('|');
        foreach (var column in table.Columns) md.Append(' ').Append(column.Header).Append(" |");
        md.Append("\n|");
        foreach (var column in table.Columns) md.Append(column.IsFigure ? "---:|" : "---|");
        md.Append('\n');
        foreach (var row in table.Rows)
        {
            md.Append('|');
            for (int i = 0; i < row.Count; i++)
                md.Append(' ').Append(table.Columns[i].IsFigure ? Figure(row[i]) : Cell(row[i])).Append(" |");
            md.Append('\n');
        }
        return md;
    }
}
