namespace AuditKit.Reporting.Summaries;

/// <summary>One sentence of the report's key findings, with its figures, and the table it comes from.</summary>
/// <param name="Text">Plain text that names models and topics from the run: untrusted, so every format escapes it.</param>
public sealed record KeyFinding(string Text, FindingSource Source);
