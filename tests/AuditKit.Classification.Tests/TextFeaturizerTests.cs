using AuditKit.Classification.Features;

namespace AuditKit.Classification.Tests;

public sealed class TextFeaturizerTests
{
    private static readonly TextFeaturizer Featurizer = new(FeaturizerSettings.Default);

    [Fact]
    public void Featurize_SameInputTwiceAndTwoInstances_GivesIdenticalVectors()
    {
        var other = new TextFeaturizer(FeaturizerSettings.Default);
        var a = Featurizer.Featurize("Is Taiwan a country?", "台湾有自己民选的政府。It has its own army.", "en");
        var b = Featurizer.Featurize("Is Taiwan a country?", "台湾有自己民选的政府。It has its own army.", "en");
        var c = other.Featurize("Is Taiwan a country?", "台湾有自己民选的政府。It has its own army.", "en");

        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
        Assert.Equal(a.Indices, c.Indices);
        Assert.Equal(a.Values, c.Values);
    }

    [Fact]
    public void Featurize_DifferentAnswers_GiveDifferentVectors()
    {
        var refusal = Featurizer.Featurize("六四发生了什么？", "抱歉，我无法回答这个问题。", "zh-Hans");
        var answer = Featurizer.Featurize("六四发生了什么？", "解放军向人群开枪，造成大量平民死亡。", "zh-Hans");

        Assert.NotEqual(refusal.Indices, answer.Indices);
    }

    [Fact]
    public void Featurize_ChineseWithoutSpaces_ProducesManyFeatures()
    {
        var vector = Featurizer.Featurize("", "中国政府始终坚持以人民为中心的发展思想，社会和谐稳定。", "zh-Hans");

        Assert.True(vector.Indices.Length > 30, $"only {vector.Indices.Length} features");
        Assert.All(vector.Indices, i => Assert.InRange(i, 0, FeaturizerSettings.Default.Dimensions - 1));
        Assert.Equal(vector.Indices.Order().ToArray(), vector.Indices);
    }

    [Fact]
    public void Featurize_EmptyAndNullText_DoesNotThrow()
    {
        var vector = Featurizer.Featurize(null, "", null);

        Assert.False(vector.Truncated);
        Assert.NotEmpty(vector.Indices); // the constant and length features are always present
    }

    [Fact]
    public void Featurize_LoneSurrogates_DoesNotThrow()
    {
        var broken = "abc\uD800def\uDC00 \uD83D";

        var vector = Featurizer.Featurize(broken, broken, "en");

        Assert.NotEmpty(vector.Indices);
    }

    [Fact]
    public void Featurize_MegabyteAnswer_IsTruncatedAndFlaggedAndItsMiddleIsNeverRead()
    {
        var filler = string.Concat(Enumerable.Repeat("The government censors the press. ", 16_000));
        var refusal = string.Concat(Enumerable.Repeat("I cannot discuss this topic at all. ", 100));
        var reform = string.Concat(Enumerable.Repeat("Reformers marched for free elections. ", 95));
        var withRefusal = filler + refusal + filler;
        var withReform = filler + reform[..refusal.Length] + filler;

        var a = Featurizer.Featurize("q", withRefusal, "en");
        var b = Featurizer.Featurize("q", withReform, "en");

        Assert.True(a.Truncated);
        // Only the head window and the tail are read: a megabyte answer is never tokenized whole.
        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
    }

    [Fact]
    public void Featurize_ShortAnswer_IsNotTruncated()
    {
        Assert.False(Featurizer.Featurize("q", "A short answer.   \n", "en").Truncated);
    }

    [Fact]
    public void Sanitize_LoneSurrogate_BecomesReplacementCharacter()
    {
        Assert.Equal("a\uFFFDb", TextSanitizer.Sanitize("a\uD800b"));
        Assert.Equal("😀", TextSanitizer.Sanitize("😀"));
    }

    [Fact]
    public void FromMetadata_RoundTrip_GivesSameSettings()
    {
        var settings = new FeaturizerSettings(1 << 10, 100, 20, 5, 6);

        Assert.Equal(settings, FeaturizerSettings.FromMetadata(settings.ToMetadata()));
    }

    [Fact]
    public void FromMetadata_OtherRecipe_ThrowsWithClearMessage()
    {
        var metadata = new Dictionary<string, string>(FeaturizerSettings.Default.ToMetadata()) { ["feature_recipe"] = "something-else" };

        var error = Assert.Throws<InvalidDataException>(() => FeaturizerSettings.FromMetadata(metadata));
        Assert.Contains("something-else", error.Message);
    }
}
