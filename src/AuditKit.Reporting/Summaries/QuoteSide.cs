namespace AuditKit.Reporting.Summaries;

/// <summary>One answer in a side-by-side quote. All text is untrusted model or suite output: exporters escape it.</summary>
public sealed record QuoteSide(string Model, string Language, string Compliance, string Narrative, string Prompt, string Response);
