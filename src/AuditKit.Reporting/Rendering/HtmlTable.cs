using System.Text;
using static AuditKit.Reporting.Rendering.HtmlText;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Writes a <see cref="ReportTable"/> as an HTML table; every cell is encoded, figures are right-aligned. Each table
/// sits in its own scrolling box, so a wide one scrolls there instead of widening the page.
/// </summary>
internal static class HtmlTable
{
    public static StringBuilder AppendHtmlTable(this StringBuilder h, ReportTable table)
    {
        h.Append("<div class=\"scroll\">").Append(table.Id is null ? "<table>" : $"<table id=\"{Encode(table.Id)}\">").Append("<thead><tr>");
        foreach (var column in table.Columns) h.Append("<th>").Append(Encode(column.Header)).Append("</th>");
        h.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            for (int i = 0; i < row.Count; i++)
                h.Append(table.Columns[i].IsFigure ? "<td class=\"num\">" : "<td>").Append(Encode(row[i])).Append("</td>");
            h.Append("</tr>");
        }
        return h.Append("</tbody></table></div>");
    }
}
