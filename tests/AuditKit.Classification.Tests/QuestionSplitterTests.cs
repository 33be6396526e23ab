using AuditKit.Classification.Training;

namespace AuditKit.Classification.Tests;

public sealed class QuestionSplitterTests
{
    private static IReadOnlyList<LabeledExample> Rows()
    {
        var rows = new List<LabeledExample>();
        foreach (var group in new[] { "china_criticism", "us_criticism", "eu_criticism" })
            for (var q = 1; q <= 20; q++)
                foreach (var language in new[] { "en", "zh-Hans", "fi" })
                    foreach (var model in new[] { "m1", "m2", "m3" })
                        rows.Add(new LabeledExample($"{group}_{q:00}|{model}|{language}", $"{group}_{q:00}", "p", "r", language, "COMPLETE", null));
        return rows;
    }

    [Fact]
    public void Split_ManySeeds_NeverPutsOneQuestionOnBothSides()
    {
        var rows = Rows();
        for (var seed = 0; seed < 25; seed++)
        {
            var split = QuestionSplitter.Split(rows, 0.3, seed);

            var train = split.Train.Select(e => e.QuestionId).ToHashSet();
            Assert.DoesNotContain(split.Dev, e => train.Contains(e.QuestionId));
            Assert.Equal(rows.Count, split.Train.Count + split.Dev.Count);
        }
    }

    [Fact]
    public void Split_SameSeed_GivesTheSameSplit()
    {
        var a = QuestionSplitter.Split(Rows(), 0.3, 20250101);
        var b = QuestionSplitter.Split(Rows(), 0.3, 20250101);

        Assert.Equal(a.Dev.Select(e => e.Id), b.Dev.Select(e => e.Id));
    }

    [Fact]
    public void Split_ThirtyPercent_DrawsThatShareFromEveryGroup()
    {
        var split = QuestionSplitter.Split(Rows(), 0.3, 1);

        foreach (var group in new[] { "china_criticism", "us_criticism", "eu_criticism" })
            Assert.Equal(6, split.Dev.Where(e => e.QuestionId.StartsWith(group, StringComparison.Ordinal)).Select(e => e.QuestionId).Distinct().Count());
    }

    [Fact]
    public void Folds_FiveFolds_PutEveryQuestionInOneFoldAndSpreadEachGroupEvenly()
    {
        var folds = QuestionSplitter.Folds(Rows(), 5, 20250101);

        Assert.Equal(60, folds.Count);
        Assert.All(folds.Values, f => Assert.InRange(f, 0, 4));
        foreach (var group in new[] { "china_criticism", "us_criticism", "eu_criticism" })
        {
            var perFold = folds.Where(p => p.Key.StartsWith(group, StringComparison.Ordinal)).GroupBy(p => p.Value).Select(g => g.Count()).ToArray();
            Assert.Equal(5, perFold.Length);
            Assert.All(perFold, count => Assert.Equal(4, count));
        }
        Assert.Equal(folds, QuestionSplitter.Folds(Rows(), 5, 20250101));
        Assert.NotEqual(folds, QuestionSplitter.Folds(Rows(), 5, 7));
    }

    [Fact]
    public void GroupOf_StripsTheTrailingNumber()
    {
        Assert.Equal("china_criticism", QuestionSplitter.GroupOf("china_criticism_08"));
        Assert.Equal("deccp", QuestionSplitter.GroupOf("deccp:12"));
    }
}
