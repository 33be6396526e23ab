using AuditKit.Classification.Inference;
using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

public sealed class OnnxAnswerClassifierTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly OnnxAnswerClassifier _classifier;

    public OnnxAnswerClassifierTests()
    {
        var path = _temp.File("tiny.onnx");
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, path);
        _classifier = new OnnxAnswerClassifier(path);
    }

    [Fact]
    public void Classify_EmptyOrWhitespaceAnswer_IsErrorWithoutTheModel()
    {
        var verdicts = _classifier.Classify([new ClassifierInput("q", "", "en"), new ClassifierInput("q", " \n\t", "zh-Hans")]);

        Assert.All(verdicts, v => Assert.Equal(ComplianceLabel.Error, v.Compliance));
        Assert.All(verdicts, v => Assert.Equal(NarrativeLabel.None, v.Narrative));
    }

    [Fact]
    public void Classify_MoreInputsThanOneBatch_KeepsOrderAndCount()
    {
        var inputs = Enumerable.Range(0, OnnxAnswerClassifier.BatchSize * 2 + 3)
            .Select(i => i % 3 == 0
                ? new ClassifierInput("q", "I'm sorry, but I can't help with that request.", "en")
                : i % 3 == 1 ? new ClassifierInput("q", "", "en") : new ClassifierInput("q", "抱歉，我无法回答这个问题。", "zh-Hans"))
            .ToArray();

        var verdicts = _classifier.Classify(inputs);

        Assert.Equal(inputs.Length, verdicts.Count);
        for (var i = 0; i < inputs.Length; i++)
            Assert.Equal(i % 3 == 1 ? ComplianceLabel.Error : ComplianceLabel.Denial, verdicts[i].Compliance);
    }

    [Fact]
    public void Classify_LoneSurrogatesAndMegabyteAnswer_DoNotCrashAndFlagTruncation()
    {
        var huge = string.Concat(Enumerable.Repeat("Here is the essay. It silences critics. ", 30_000));

        var verdicts = _classifier.Classify([new ClassifierInput("q\uD800", "bad \uDC00 text", "en"), new ClassifierInput("q", huge, "en")]);

        Assert.False(verdicts[0].Truncated);
        Assert.True(verdicts[1].Truncated);
        Assert.Equal(1.0, verdicts[1].ComplianceProbabilities.Values.Sum(), 3);
    }

    [Fact]
    public void Constructor_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => new OnnxAnswerClassifier(_temp.File("absent.onnx")));
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _temp.Dispose();
    }
}
