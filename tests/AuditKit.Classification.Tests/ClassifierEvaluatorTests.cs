using System.Text.Json;
using AuditKit.Classification.Evaluation;
using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Tests;

public sealed class ClassifierEvaluatorTests
{
    // Hand-computed: confusion [[3,1,0],[0,1,1],[0,0,2]], po = 6/8, pe = (4*3 + 2*2 + 2*3)/64, kappa = 13/21.
    private static readonly string[] Gold = ["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE", "EVASIVE", "EVASIVE", "DENIAL", "DENIAL"];
    private static readonly string[] Predicted = ["COMPLETE", "COMPLETE", "COMPLETE", "EVASIVE", "EVASIVE", "DENIAL", "DENIAL", "DENIAL"];
    private static readonly string[] Languages = ["en", "en", "en", "en", "zh-Hans", "zh-Hans", "zh-Hans", "zh-Hans"];

    [Fact]
    public void Score_KnownPairs_MatchesHandComputedKappaAccuracyAndConfusion()
    {
        var report = ClassifierEvaluator.Score(ClassifierHead.Compliance, Gold, Predicted, Languages);

        Assert.Equal(8, report.N);
        Assert.Equal(0.75, report.Accuracy, 10);
        Assert.Equal(13.0 / 21.0, report.Kappa, 10);
        Assert.Equal(new[] { 3, 1, 0 }, report.Confusion[0]);
        Assert.Equal(new[] { 0, 1, 1 }, report.Confusion[1]);
        Assert.Equal(new[] { 0, 0, 2 }, report.Confusion[2]);
    }

    [Fact]
    public void Score_KnownPairs_MatchesHandComputedPerClassAndMacroF1()
    {
        var report = ClassifierEvaluator.Score(ClassifierHead.Compliance, Gold, Predicted, Languages);

        var complete = report.PerClass.Single(c => c.Label == "COMPLETE");
        Assert.Equal(1.0, complete.Precision, 10);
        Assert.Equal(0.75, complete.Recall, 10);
        Assert.Equal(6.0 / 7.0, complete.F1, 10);
        Assert.Equal(0.5, report.PerClass.Single(c => c.Label == "EVASIVE").F1, 10);
        Assert.Equal(0.8, report.PerClass.Single(c => c.Label == "DENIAL").F1, 10);
        Assert.Equal((6.0 / 7.0 + 0.5 + 0.8) / 3, report.MacroF1, 10);
    }

    [Fact]
    public void Score_ByLanguage_ComputesEachLanguageOnItsOwn()
    {
        var report = ClassifierEvaluator.Score(ClassifierHead.Compliance, Gold, Predicted, Languages);

        Assert.Equal(4, report.ByLanguage!["en"].N);
        Assert.Equal(0.0, report.ByLanguage["en"].Kappa, 10);      // po = pe = 0.75
        Assert.Equal(0.5, report.ByLanguage["zh-Hans"].Kappa, 10); // po = 0.75, pe = 0.5
    }

    [Fact]
    public void Score_PerfectAgreementOnOneClass_GivesKappaOne()
    {
        var report = ClassifierEvaluator.Score(ClassifierHead.Compliance, ["DENIAL", "DENIAL"], ["DENIAL", "DENIAL"], ["en", "en"]);

        Assert.Equal(1.0, report.Kappa);
    }

    [Fact]
    public void ToJson_HasTheKeysTheCliAndModelCardRead()
    {
        var json = ClassifierEvaluator.Score(ClassifierHead.Compliance, Gold, Predicted, Languages).ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        foreach (var key in new[] { "n", "accuracy", "kappa", "macro_f1", "by_language", "confusion", "per_class" })
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        Assert.Equal(4, root.GetProperty("by_language").GetProperty("zh-Hans").GetProperty("n").GetInt32());
        Assert.True(root.GetProperty("by_language").GetProperty("zh-Hans").TryGetProperty("kappa", out _));
    }

    [Fact]
    public void Evaluate_BinaryHead_MergesEvasiveAndDenialAndSkipsErrorRows()
    {
        var examples = new[]
        {
            new LabeledExample("1", "q1", "p", "a", "en", "COMPLETE", null),
            new LabeledExample("2", "q2", "p", "b", "en", "EVASIVE", null),
            new LabeledExample("3", "q3", "p", "c", "en", "DENIAL", null),
            new LabeledExample("4", "q4", "p", "", "en", "ERROR", null),
        };
        var classifier = new FixedClassifier(ComplianceLabel.Denial);

        var report = ClassifierEvaluator.Evaluate(classifier, examples, ClassifierHead.ComplianceBinary);

        Assert.Equal(3, report.N);
        Assert.Equal(2.0 / 3.0, report.Accuracy, 10);
    }

    [Fact]
    public void Evaluate_ExamplesWithModelsAndTraces_BreaksFiguresDownByFamilyAndTrace()
    {
        var examples = new[]
        {
            new LabeledExample("1", "q1", "p", "a", "en", "COMPLETE", null) { Model = "deepseek/deepseek-r1" },
            new LabeledExample("2", "q2", "p", "b", "en", "EVASIVE", null) { Model = "qwen/qwen3-32b", TraceInResponse = true },
            new LabeledExample("3", "q3", "p", "c", "en", "EVASIVE", null) { Model = "moonshotai/kimi-vl-a3b-thinking", TraceInResponse = true },
            new LabeledExample("4", "q4", "p", "d", "en", "DENIAL", null) { Model = "openai/gpt-4o" },
        };
        var predictions = new CrossValidation.Prediction[] { new("COMPLETE", "NONE"), new("EVASIVE", "NONE"), new("COMPLETE", "NONE"), new("DENIAL", "NONE") };

        var report = ClassifierEvaluator.Evaluate(examples, predictions, ClassifierHead.Compliance);

        Assert.Equal(["deepseek", "kimi", "other", "qwen"], report.ByModelFamily!.Keys);
        Assert.Equal(0.0, report.ByModelFamily["kimi"].PerClass.Single(c => c.Label == "EVASIVE").Recall);
        Assert.Equal(1.0, report.ByModelFamily["qwen"].PerClass.Single(c => c.Label == "EVASIVE").Recall);
        Assert.Equal(2, report.ByTrace![ClassifierEvaluator.TraceInResponse].N);
        Assert.Equal(1.0, report.ByTrace[ClassifierEvaluator.NoTraceInResponse].Accuracy);
        Assert.Contains("\"by_model_family\"", report.ToJson());
    }

    [Fact]
    public void Evaluate_NoModelsNoTraces_LeavesTheBreakdownsOut()
    {
        var examples = new[] { new LabeledExample("1", "q1", "p", "a", "en", "COMPLETE", null) };

        var report = ClassifierEvaluator.Evaluate(examples, [new CrossValidation.Prediction("COMPLETE", "NONE")], ClassifierHead.Compliance);

        Assert.Null(report.ByModelFamily);
        Assert.DoesNotContain("by_trace", report.ToJson());
    }

    [Theory]
    [InlineData("deepseek/deepseek-chat-v3-0324", "deepseek")]
    [InlineData("tngtech/deepseek-r1t-chimera", "deepseek-derived")]
    [InlineData("perplexity/r1-1776", "deepseek-derived")]
    [InlineData("DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "deepseek")]
    [InlineData("qwen/qwen2.5-vl-72b-instruct", "qwen")]
    [InlineData("thudm/glm-4-z1-32b-0414", "glm")]
    [InlineData("moonshotai/kimi-vl-a3b-thinking", "kimi")]
    [InlineData("anthropic/claude-3-7-sonnet-20250219", "other")]
    [InlineData(null, "other")]
    public void ModelFamilies_Of_GroupsByWhoMadeTheWeights(string? model, string family) =>
        Assert.Equal(family, ModelFamilies.Of(model));

    private sealed class FixedClassifier(ComplianceLabel label) : IAnswerClassifier
    {
        public string Id => "fixed";

        public string Sha256 => new('0', 64);

        public IReadOnlyList<Verdict> Classify(IReadOnlyList<ClassifierInput> inputs) =>
            inputs.Select(_ => new Verdict(label, new Dictionary<ComplianceLabel, double> { [label] = 1 }, NarrativeLabel.None,
                new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1 }, false)).ToArray();
    }
}
