namespace AuditKit.Reporting.Summaries;

/// <summary>One answer in a side-by-side quote. All text is untrusted model or suite output: exporters escape it.</summary>
public sealed record QuoteSide(string Model, string Language, string Compliance, string Narrative, string Prompt, string Response)
{
    /// <summary>Characters in the whole answer; more than <see cref="Response"/> holds when the quote is cut.</summary>
    public int ResponseLength { get; init; }

    /// <summary>The answer's row in attempts.csv as a spreadsheet numbers it (the header is row 1): where the whole answer is.</summary>
    public int AttemptsCsvRow { get; init; }
}
