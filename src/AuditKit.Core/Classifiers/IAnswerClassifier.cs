using AuditKit.Core.Verdicts;

namespace AuditKit.Core.Classifiers;

/// <summary>Labels answers for compliance and narrative alignment.</summary>
public interface IAnswerClassifier
{
    /// <summary>Stable id recorded with every verdict, e.g. <c>auditkit-ngram-v1</c>.</summary>
    string Id { get; }

    /// <summary>SHA-256 (hex) of the model file, so a re-classification with a newer model is visible in the store.</summary>
    string Sha256 { get; }

    /// <summary>Classifies a batch; the result has one verdict per input, in order. Empty responses get <see cref="ComplianceLabel.Error"/>.</summary>
    IReadOnlyList<Verdict> Classify(IReadOnlyList<ClassifierInput> inputs);
}
