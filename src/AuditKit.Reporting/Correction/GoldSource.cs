using AuditKit.Core.Runs;
using AuditKit.Core.Scoring;

namespace AuditKit.Reporting.Correction;

/// <summary>
/// Which labels a report takes as gold (<c>report --gold</c>): people's by default; an LLM judge's when asked for;
/// or none. Gold labels must come from a uniform random sample of the answers (<c>review sample</c>, or
/// <c>classify --judge-sample</c>, or all of them), which is what makes the corrected intervals valid.
/// </summary>
public sealed record GoldSource
{
    private GoldSource(string kind, string? name) => (Kind, Name) = (kind, name);

    public static GoldSource Human { get; } = new("human", null);
    public static GoldSource Judge { get; } = new("judge", null);
    public static GoldSource None { get; } = new("none", null);
    public static GoldSource Reviewer(string name) => new("human", name);

    /// <summary><c>human</c>, <c>judge</c> or <c>none</c>.</summary>
    public string Kind { get; }

    /// <summary>One reviewer's name when only their labels count; null for every reviewer.</summary>
    public string? Name { get; }

    /// <summary>Parses <c>human</c>, <c>human:NAME</c>, <c>judge</c> or <c>none</c>; null when the text is none of them.</summary>
    public static GoldSource? Parse(string text) => text switch
    {
        "human" => Human,
        "judge" => Judge,
        "none" => None,
        _ when text.StartsWith(Scorers.HumanPrefix, StringComparison.Ordinal) && text.Length > Scorers.HumanPrefix.Length => Reviewer(text[Scorers.HumanPrefix.Length..]),
        _ => null,
    };

    public override string ToString() => Name is null ? Kind : Scorers.Human(Name);

    /// <summary>
    /// The gold label of every attempt of a run that has one. With several reviewers, each attempt takes the label of
    /// the reviewer who labelled most answers of the run (ties by name): one fixed person per run, never a pick per
    /// answer, so that which label counts cannot depend on what the labels say.
    /// </summary>
    public IReadOnlyDictionary<ClassifiedAttempt, GoldLabel> LabelsOf(RunSnapshot run)
    {
        var gold = new Dictionary<ClassifiedAttempt, GoldLabel>(ReferenceEqualityComparer.Instance);
        switch (Kind)
        {
            case "judge":
                var judgeScorer = run.Classifier?.Judge is { } agreement ? Scorers.Judge(agreement.JudgeModel) : "judge";
                foreach (var a in run.Attempts)
                    if (a.Judge is { Error: null } j)
                        gold[a] = new GoldLabel(judgeScorer, j.Compliance, j.Narrative);
                break;
            case "human":
                var ranked = run.Attempts.SelectMany(a => a.HumanLabels).Select(l => l.Reviewer)
                    .Where(r => Name is null || r == Name)
                    .GroupBy(r => r, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => g.Key).ToList();
                foreach (var a in run.Attempts)
                    foreach (var reviewer in ranked)
                        if (a.HumanLabels.FirstOrDefault(l => l.Reviewer == reviewer) is { } label)
                        {
                            gold[a] = new GoldLabel(Scorers.Human(reviewer), label.Compliance, label.Narrative);
                            break;
                        }
                break;
        }
        return gold;
    }
}
