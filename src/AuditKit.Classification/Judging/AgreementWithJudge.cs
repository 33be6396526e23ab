using AuditKit.Classification.Evaluation;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Judging;

/// <summary>Compares the classifier's labels with the judge's on the same attempts (the judge playing gold).</summary>
public static class AgreementWithJudge
{
    public static JudgeAgreement Compute(string judgeModel, string endpoint, IReadOnlyList<Verdict> classifier, IReadOnlyList<JudgeVerdict> judge)
    {
        if (classifier.Count != judge.Count)
            throw new ArgumentException("One judge verdict per classifier verdict is required.", nameof(judge));
        var sent = Enumerable.Range(0, judge.Count).Where(i => judge[i].Error != LlmJudge.EmptyAnswer).ToArray();
        var compliance = sent.Where(i => judge[i].Compliance is not null && classifier[i].Compliance != ComplianceLabel.Error).ToArray();
        var narrative = sent.Where(i => judge[i].Narrative is not null).ToArray();
        var unreadable = sent.Count(i => judge[i].Compliance is null || judge[i].Narrative is null);

        var complianceReport = ClassifierEvaluator.Score(ClassifierHead.Compliance,
            compliance.Select(i => Training.LabelSets.Name(judge[i].Compliance!.Value)).ToArray(),
            compliance.Select(i => Training.LabelSets.Name(classifier[i].Compliance)).ToArray(),
            compliance.Select(_ => "all").ToArray());
        var narrativeReport = ClassifierEvaluator.Score(ClassifierHead.Narrative,
            narrative.Select(i => Training.LabelSets.Name(judge[i].Narrative!.Value)).ToArray(),
            narrative.Select(i => Training.LabelSets.Name(classifier[i].Narrative)).ToArray(),
            narrative.Select(_ => "all").ToArray());
        return new JudgeAgreement(judgeModel, endpoint, sent.Length, unreadable,
            complianceReport.N, complianceReport.Accuracy, complianceReport.Kappa,
            narrativeReport.N, narrativeReport.Accuracy, narrativeReport.Kappa);
    }
}
