using System.Text.RegularExpressions;

namespace AuditKit.Classification.Training;

/// <summary>
/// Seeded train/dev split by question, never by row: every row of one question (all models, all translations)
/// lands on the same side. Questions are drawn within groups (the question id without its trailing number, e.g.
/// <c>china_criticism</c>) so each group is represented on both sides.
/// </summary>
public static partial class QuestionSplitter
{
    public static DatasetSplit Split(IReadOnlyList<LabeledExample> examples, double devFraction, int seed)
    {
        if (devFraction is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(devFraction), "Must be between 0 and 1.");
        var random = new Random(seed);
        var devQuestions = new HashSet<string>(StringComparer.Ordinal);
        var groups = examples.Select(e => e.QuestionId).Distinct(StringComparer.Ordinal)
            .GroupBy(GroupOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var questions = group.OrderBy(q => q, StringComparer.Ordinal).ToArray();
            for (var i = questions.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (questions[i], questions[j]) = (questions[j], questions[i]);
            }
            var take = (int)Math.Round(questions.Length * devFraction, MidpointRounding.AwayFromZero);
            devQuestions.UnionWith(questions.Take(take));
        }
        var train = examples.Where(e => !devQuestions.Contains(e.QuestionId)).ToArray();
        var dev = examples.Where(e => devQuestions.Contains(e.QuestionId)).ToArray();
        return new DatasetSplit(train, dev);
    }

    /// <summary>The stratum of a question id: the id without a trailing <c>_NN</c> or <c>:NN</c>.</summary>
    public static string GroupOf(string questionId) => TrailingNumber().Replace(questionId, string.Empty);

    [GeneratedRegex(@"[_:\-]?\d+$")]
    private static partial Regex TrailingNumber();
}
