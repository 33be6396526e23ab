using AuditKit.Core.Verdicts;

namespace AuditKit.Core.Scoring;

/// <summary>
/// A reviewer's labels for one attempt (<c>auditkit review import</c>). Either label may be missing when the
/// reviewer left it blank; a rate that needs it then treats the attempt as having no gold label.
/// </summary>
/// <param name="Reviewer">The name given with <c>--reviewer</c>; stored as scorer <c>human:REVIEWER</c>.</param>
/// <param name="Note">The reviewer's free-text note (untrusted text, like any other).</param>
public sealed record HumanLabel(string Reviewer, ComplianceLabel? Compliance, NarrativeLabel? Narrative, string? Note);
