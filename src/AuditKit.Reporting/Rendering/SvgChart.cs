namespace AuditKit.Reporting.Rendering;

/// <summary>One chart of the report: inline in report.html and written beside it as <see cref="FileName"/> for articles.</summary>
/// <param name="FileName">Relative to the report folder, e.g. <c>charts/refused-en.svg</c>; safe characters only.</param>
/// <param name="Svg">A complete, standalone SVG document (no XML declaration, so it can also sit inside HTML).</param>
internal sealed record SvgChart(string FileName, string Title, string Svg);
