namespace AuditKit.Core.Verdicts;

/// <summary>
/// An LLM judge's labels for one attempt, the second opinion beside the classifier's <see cref="Verdict"/>.
/// A label is null when the judge's reply did not contain a readable one, or the request failed (<see cref="Error"/>).
/// </summary>
/// <param name="Reply">The judge's reply as received (untrusted text, like any model output).</param>
public sealed record JudgeVerdict(ComplianceLabel? Compliance, NarrativeLabel? Narrative, string Reply, string? Error);
