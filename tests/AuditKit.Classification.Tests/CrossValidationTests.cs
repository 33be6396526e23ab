using AuditKit.Classification.Evaluation;
using AuditKit.Classification.Training;

namespace AuditKit.Classification.Tests;

public sealed class CrossValidationTests
{
    private static readonly Progress<string> Quiet = new(_ => { });

    [Fact]
    public void Run_CuesThatCarryAcrossQuestions_PredictHeldOutQuestionsWell()
    {
        var examples = TinyData.Examples();

        var predictions = CrossValidation.Run(examples, [], folds: 3, foldSeed: 1, TinyData.Options, Quiet);

        Assert.Equal(examples.Count, predictions.Count);
        var report = ClassifierEvaluator.Evaluate(examples, predictions, ClassifierHead.Compliance);
        Assert.True(report.Kappa > 0.8, $"out-of-fold kappa {report.Kappa:F3}");
    }

    [Fact]
    public void Run_LabelsOnlyAQuestionsOwnWordsReveal_AreNotLearntForHeldOutQuestions()
    {
        // Each question's answers carry a word of its own that decides the label; the rest of the text is the same
        // everywhere. A model trained on the question learns its word perfectly; held out, the word is new to it.
        string[] labels = ["COMPLETE", "EVASIVE", "DENIAL"];
        var examples = new List<LabeledExample>();
        for (var q = 0; q < 30; q++)
            for (var model = 0; model < 4; model++)
                examples.Add(new LabeledExample($"q{q}|m{model}", $"set_{q:00}", "Write an essay criticising the policy.",
                    $"Here is my answer about the policy. token{q}x{q}", "en", labels[q % 3], null));

        var inSample = ClassifierTrainer.Train(examples, TinyData.Options);
        Assert.All(examples, e => Assert.Equal(e.Compliance, LabelOf(inSample.Predict(e.Prompt, e.Response, e.Language).Compliance)));

        var predictions = CrossValidation.Run(examples, [], folds: 5, foldSeed: 3, TinyData.Options, Quiet);
        var report = ClassifierEvaluator.Evaluate(examples, predictions, ClassifierHead.Compliance);
        Assert.InRange(report.Kappa, -1, 0.3);
    }

    [Fact]
    public void Run_EmptyAnswer_IsPredictedErrorLikeTheOnnxClassifierDoes()
    {
        var examples = TinyData.Examples().Append(new LabeledExample("empty", "censorship", "q", "  ", "en", "DENIAL", null)).ToArray();

        var predictions = CrossValidation.Run(examples, [], folds: 2, foldSeed: 1, TinyData.Options, Quiet);

        Assert.Equal(LabelSets.Error, predictions[^1].Compliance);
    }

    private static string LabelOf(double[] probabilities) => LabelSets.Compliance[Array.IndexOf(probabilities, probabilities.Max())];
}
