using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Review;

/// <summary>
/// One row of a review sheet as the reviewer left it. Rows whose two labels are both blank are returned too, with
/// <see cref="IsBlank"/> set, so that <c>review import</c> can count them as skipped instead of losing track of them.
/// </summary>
/// <param name="Line">The 1-based line of the file where the row starts (the header is line 1), for messages.</param>
/// <param name="AttemptId">The attempt id, shaped like one (checked on reading) but not yet matched to a run.</param>
/// <param name="Compliance">Null when the reviewer left the cell blank.</param>
/// <param name="Narrative">Null when the reviewer left the cell blank (the codebook leaves questions without a PRC stance unlabelled).</param>
/// <param name="Note">The reviewer's note without the apostrophe the writer adds against formulas; null when blank.</param>
/// <param name="Row">The row a spreadsheet shows for it (the header is row 1); differs from <paramref name="Line"/> once an earlier cell spans lines.</param>
public sealed record ReviewRow(int Line, string AttemptId, ComplianceLabel? Compliance, NarrativeLabel? Narrative, string? Note, int Row)
{
    /// <summary>Neither label was given: the reviewer skipped this answer.</summary>
    public bool IsBlank => Compliance is null && Narrative is null;

    /// <summary>Where the row is, for a one-line message: <c>sheet.csv:57 (spreadsheet row 12)</c>, or <c>sheet.csv:12</c> when the two agree.</summary>
    public string Locate(string path) => Locate(path, Line, Row);

    internal static string Locate(string path, int line, int row) =>
        line == row ? $"{path}:{line}" : $"{path}:{line} (spreadsheet row {row})";
}
