namespace AuditKit.Core.Classifiers;

/// <summary>Which classifier produced a run's verdicts, with its evaluation figures for the report's method section.</summary>
/// <param name="Evaluation">Headline figures from the model card (e.g. <c>compliance_kappa</c> -> 0.81); may be empty.</param>
public sealed record ClassifierInfo(string Id, string Sha256, DateTimeOffset ClassifiedAt, IReadOnlyDictionary<string, double> Evaluation)
{
    /// <summary>The LLM judge's agreement with this classifier, when <c>classify --judge</c> asked one; else null.</summary>
    public JudgeAgreement? Judge { get; init; }

    /// <summary>
    /// How many of the run's answers were among the classifier's training answers (its verdicts on them are
    /// optimistic); null when the classifier does not record what it was trained on.
    /// </summary>
    public int? TrainingOverlap { get; init; }
}
