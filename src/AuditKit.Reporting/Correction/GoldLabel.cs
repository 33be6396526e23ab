using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Correction;

/// <summary>
/// The label a report trusts over the classifier's for one attempt: a reviewer's or an LLM judge's. Either part may
/// be missing (a reviewer left it blank, a judge's reply was unreadable); a rate that needs it treats the attempt as
/// unlabelled.
/// </summary>
/// <param name="Scorer">Who gave it, as stored: <c>human:NAME</c> or <c>judge:MODEL</c>.</param>
public sealed record GoldLabel(string Scorer, ComplianceLabel? Compliance, NarrativeLabel? Narrative);
