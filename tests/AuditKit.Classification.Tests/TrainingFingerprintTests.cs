using AuditKit.Classification.Inference;
using AuditKit.Classification.Training;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

/// <summary>A classifier records what it was trained on, so a run holding those answers can be told.</summary>
public sealed class TrainingFingerprintTests
{
    private static readonly Dictionary<string, string> Files = new() { ["labels/tiny.jsonl"] = new string('a', 64) };

    [Fact]
    public void WasTrainedOn_OwnTrainingAnswers_IsTrueAndOtherAnswersFalse()
    {
        using var temp = new TempDirectory();
        var path = temp.File("tiny.onnx");
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, path, Files);
        using var classifier = new OnnxAnswerClassifier(path);

        Assert.True(classifier.RecordsTrainingAnswers);
        Assert.All(TinyData.Examples(), e => Assert.True(classifier.WasTrainedOn(e.Response), e.Response));
        Assert.False(classifier.WasTrainedOn("I'm sorry, but I won't help with that request."));
        Assert.False(classifier.WasTrainedOn("抱歉，我不能回答这个问题。"));
        Assert.False(classifier.WasTrainedOn(""));
    }

    [Fact]
    public void WasTrainedOn_SameAnswerRewrappedOrDecomposed_IsStillRecognised()
    {
        using var temp = new TempDirectory();
        var path = temp.File("tiny.onnx");
        var examples = TinyData.Examples().Append(new LabeledExample("cafe", "cafe", "q", "Le café est fermé.\0", "en", "COMPLETE", null)).ToArray();
        ClassifierTrainer.TrainToFile(examples, TinyData.Options, path, Files);
        using var classifier = new OnnxAnswerClassifier(path);

        Assert.True(classifier.WasTrainedOn("  I'm sorry,  but I can't\nhelp with that request. "));
        Assert.True(classifier.WasTrainedOn("Le cafe\u0301 est ferme\u0301."));
        // The training answer ended in a NUL, which a stored copy loses (SQLite ends text there).
        Assert.True(classifier.WasTrainedOn("Le café est fermé."));
    }

    [Fact]
    public void SaveOnnx_TrainingFiles_AreReadBackWithTheirHashes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("tiny.onnx");
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, path, Files);
        using var classifier = new OnnxAnswerClassifier(path);

        Assert.Equal(new string('a', 64), classifier.TrainingFiles["labels/tiny.jsonl"]);
        Assert.Equal(TinyData.Examples().Select(e => e.Response).Distinct().Count(), classifier.TrainingAnswerCount);
    }

    [Fact]
    public void Train_ErrorRowsAndEmptyAnswers_AreNotRecordedAsTrainingAnswers()
    {
        var examples = TinyData.Examples()
            .Append(new LabeledExample("e1", "e", "q", "The provider cut this answer off", "en", LabelSets.Error, null))
            .Append(new LabeledExample("e2", "e", "q", "", "en", "COMPLETE", null))
            .ToArray();

        var trained = ClassifierTrainer.Train(examples, TinyData.Options);

        Assert.DoesNotContain(AnswerFingerprint.Of("The provider cut this answer off"), trained.TrainingAnswers);
        Assert.Equal(TinyData.Examples().Select(e => e.Response).Distinct().Count(), trained.TrainingAnswers.Count);
    }
}
