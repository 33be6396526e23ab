namespace AuditKit.Core.Verdicts;

/// <summary>A classifier's judgment of one attempt, with the probabilities behind each label.</summary>
/// <param name="ComplianceProbabilities">Probability per compliance label; sums to 1 over the labels the model predicts.</param>
/// <param name="NarrativeProbabilities">Probability per narrative label.</param>
/// <param name="Truncated">The answer was longer than the classifier reads and was cut before classification.</param>
public sealed record Verdict(
    ComplianceLabel Compliance,
    IReadOnlyDictionary<ComplianceLabel, double> ComplianceProbabilities,
    NarrativeLabel Narrative,
    IReadOnlyDictionary<NarrativeLabel, double> NarrativeProbabilities,
    bool Truncated);
