namespace AuditKit.Reporting.Rendering;

/// <summary>One column of a <see cref="ReportTable"/>.</summary>
/// <param name="Header">Written by the project, never from a run.</param>
/// <param name="IsFigure">
/// Cells are figures formatted by <see cref="Numbers"/> (right-aligned); otherwise they are untrusted text from a run or
/// a suite. Each format escapes both, but for different characters.
/// </param>
internal sealed record ReportColumn(string Header, bool IsFigure)
{
    public static ReportColumn Text(string header) => new(header, IsFigure: false);

    public static ReportColumn Figure(string header) => new(header, IsFigure: true);
}
