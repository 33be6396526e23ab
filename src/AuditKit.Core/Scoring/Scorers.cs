namespace AuditKit.Core.Scoring;

/// <summary>
/// Names of whoever labelled an attempt, as stored in the run store's <c>labels</c> table:
/// <c>classifier:ID</c>, <c>judge:MODEL</c> or <c>human:REVIEWER</c>. One attempt carries at most one label per scorer.
/// </summary>
public static class Scorers
{
    public const string ClassifierPrefix = "classifier:";
    public const string JudgePrefix = "judge:";
    public const string HumanPrefix = "human:";

    public static string Classifier(string id) => ClassifierPrefix + id;
    public static string Judge(string model) => JudgePrefix + model;
    public static string Human(string reviewer) => HumanPrefix + reviewer;

    /// <summary>The part after the prefix: the classifier id, judge model or reviewer name.</summary>
    public static string NameOf(string scorer) => scorer[(scorer.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
