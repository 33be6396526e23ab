using AuditKit.Classification.Inference;
using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;
using AuditKit.TestSupport;
using Google.Protobuf;
using Onnx;

namespace AuditKit.Classification.Tests;

public sealed class OnnxAnswerClassifierTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _path;
    private readonly OnnxAnswerClassifier _classifier;

    public OnnxAnswerClassifierTests()
    {
        _path = _temp.File("tiny.onnx");
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, _path);
        _classifier = new OnnxAnswerClassifier(_path);
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

    [Theory]
    [InlineData("text")]
    [InlineData("garbage")]
    [InlineData("empty")]
    [InlineData("truncated")]
    public void Constructor_NotAnOnnxModel_ThrowsClassifierFormatNamingTheFile(string kind)
    {
        var path = _temp.File($"{kind}.onnx");
        var model = File.ReadAllBytes(_path);
        File.WriteAllBytes(path, kind switch
        {
            "text" => "this is not a model\n"u8.ToArray(),
            "garbage" => Enumerable.Range(0, 4096).Select(i => (byte)(i * 131 + 7)).ToArray(),
            "empty" => [],
            _ => model[..(model.Length / 2)],
        });

        var e = Assert.Throws<ClassifierFormatException>(() => new OnnxAnswerClassifier(path));

        Assert.Contains(path, e.Message);
    }

    [Theory]
    [InlineData("compliance_labels", "COMPLETE,EVASIVE,MAYBE", "unknown label 'MAYBE'")]
    [InlineData("compliance_labels", "COMPLETE,EVASIVE", "names 2 labels")]
    [InlineData("narrative_labels", "ALIGNED,ALIGNED,BALANCED,NONE", "names a label twice")]
    [InlineData("feature_dimensions", "8192", "is 8192 but the model's weights have 4096 feature rows")]
    [InlineData("feature_dimensions", "2048", "is 2048 but the model's weights have 4096 feature rows")]
    [InlineData("feature_dimensions", "1000", "power of two")]
    [InlineData("classifier_id", "", "classifier_id")]
    public void Constructor_EditedMetadata_ThrowsClassifierFormatNamingFileAndKey(string key, string value, string message)
    {
        var path = _temp.File("edited.onnx");
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(_path));
        model.MetadataProps.Single(p => p.Key == key).Value = value;
        File.WriteAllBytes(path, model.ToByteArray());

        var e = Assert.Throws<ClassifierFormatException>(() => new OnnxAnswerClassifier(path));

        Assert.Contains(path, e.Message);
        Assert.Contains(key, e.Message);
        Assert.Contains(message, e.Message);
    }

    public void Dispose()
    {
        _classifier.Dispose();
        _temp.Dispose();
    }
}
