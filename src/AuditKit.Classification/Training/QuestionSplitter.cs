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

    /// <summary>
    /// Assigns every question to one of <paramref name="folds"/> folds for cross-validation, dealing the shuffled
    /// questions of each group round-robin so every group is spread over all folds. Returns fold by question id.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Folds(IReadOnlyList<LabeledExample> examples, int folds, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var random = new Random(seed);
        var foldOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        foreach (var group in examples.Select(e => e.QuestionId).Distinct(StringComparer.Ordinal)
                     .GroupBy(GroupOf, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var questions = group.OrderBy(q => q, StringComparer.Ordinal).ToArray();
            random.Shuffle(questions);
            // Continuing the deal across groups keeps small groups (a few deccp questions) from all landing in fold 0.
            foreach (var question in questions)
                foldOf[question] = next++ % folds;
        }
        return foldOf;
    }

    /// <summary>The stratum of a question id: the id without a trailing <c>_NN</c> or <c>:NN</c>.</summary>
    public static string GroupOf(string questionId) => TrailingNumber().Replace(questionId, string.Empty);

    [GeneratedRegex(@"[_:\-]?\d+$")]
    private static partial Regex TrailingNumber();
}
