namespace AuditKit.Reporting.Rendering;

/// <summary>
/// A table of the report as plain strings, defined once in <see cref="ReportTables"/> and rendered by both the HTML and
/// the Markdown exporter, so the two files cannot disagree on a column or a figure.
/// </summary>
/// <param name="Id">The HTML element id that tests and readers link to; null for tables with none.</param>
internal sealed record ReportTable(string? Id, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
