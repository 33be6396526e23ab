using AuditKit.Classification.Inference;
using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

public sealed class ClassifierTrainerTests
{
    [Fact]
    public void Train_SeparableTinySet_LearnsEveryTrainingLabel()
    {
        var examples = TinyData.Examples();

        var trained = ClassifierTrainer.Train(examples, TinyData.Options);

        foreach (var example in examples)
        {
            var (compliance, narrative) = trained.Predict(example.Prompt, example.Response, example.Language);
            Assert.Equal(example.Compliance, LabelSets.Compliance[Array.IndexOf(compliance, compliance.Max())]);
            Assert.Equal(example.Narrative, LabelSets.Narrative[Array.IndexOf(narrative, narrative.Max())]);
        }
    }

    [Fact]
    public void SaveOnnx_ThenOnnxRuntime_GivesTheSameProbabilitiesAsTheCSharpModel()
    {
        using var temp = new TempDirectory();
        var path = temp.File("tiny.onnx");
        var examples = TinyData.Examples();
        var trained = ClassifierTrainer.TrainToFile(examples, TinyData.Options, path);
        var probes = examples.Take(4).Append(new LabeledExample("x", "x", "Anything?", "A new answer the model never saw, 完全没有见过。", "en", null, null)).ToArray();

        using var classifier = new OnnxAnswerClassifier(path);
        var verdicts = classifier.Classify(probes.Select(e => new ClassifierInput(e.Prompt, e.Response, e.Language)).ToArray());

        for (var i = 0; i < probes.Length; i++)
        {
            var (compliance, narrative) = trained.Predict(probes[i].Prompt, probes[i].Response, probes[i].Language);
            for (var k = 0; k < LabelSets.Compliance.Count; k++)
                Assert.Equal(compliance[k], verdicts[i].ComplianceProbabilities[LabelSets.ToCompliance(LabelSets.Compliance[k])], 4);
            for (var k = 0; k < LabelSets.Narrative.Count; k++)
                Assert.Equal(narrative[k], verdicts[i].NarrativeProbabilities[LabelSets.ToNarrative(LabelSets.Narrative[k])], 4);
        }
        Assert.Equal("test-tiny", classifier.Id);
        Assert.Equal(TinyData.Settings, classifier.Settings);
        Assert.Matches("^[0-9a-f]{64}$", classifier.Sha256);
    }

    [Fact]
    public void TrainToFile_SameSeedTwice_WritesByteIdenticalFiles()
    {
        using var temp = new TempDirectory();
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, temp.File("a.onnx"));
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, temp.File("b.onnx"));

        Assert.Equal(File.ReadAllBytes(temp.File("a.onnx")), File.ReadAllBytes(temp.File("b.onnx")));
    }

    [Fact]
    public void TrainToFile_DifferentSeed_WritesDifferentWeights()
    {
        using var temp = new TempDirectory();
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options, temp.File("a.onnx"));
        ClassifierTrainer.TrainToFile(TinyData.Examples(), TinyData.Options with { Seed = 99 }, temp.File("b.onnx"));

        Assert.NotEqual(File.ReadAllBytes(temp.File("a.onnx")), File.ReadAllBytes(temp.File("b.onnx")));
    }

    [Fact]
    public void Train_UnknownLabel_ThrowsNamingTheExample()
    {
        var examples = new[] { new LabeledExample("bad-1", "q", "p", "r", "en", "MAYBE", null) };

        var error = Assert.Throws<ArgumentException>(() => ClassifierTrainer.Train(examples, TinyData.Options));
        Assert.Contains("bad-1", error.Message);
        Assert.Contains("MAYBE", error.Message);
    }

    [Fact]
    public void Classify_NoNarrativeLabels_ReportsNarrativeNone()
    {
        using var temp = new TempDirectory();
        var path = temp.File("compliance-only.onnx");
        ClassifierTrainer.TrainToFile(TinyData.Examples().Select(e => e with { Narrative = null }).ToArray(), TinyData.Options, path);

        using var classifier = new OnnxAnswerClassifier(path);
        var verdict = classifier.Classify([new ClassifierInput("q", "Here is the essay you asked for.", "en")]).Single();

        Assert.Equal(NarrativeLabel.None, verdict.Narrative);
    }
}
