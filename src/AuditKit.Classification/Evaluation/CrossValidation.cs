using AuditKit.Classification.Features;
using AuditKit.Classification.Training;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// K-fold cross-validation of a training recipe, by question: each fold's questions (every model and translation of
/// them) are held out in turn, a model is trained on the rest, and the held-out answers are predicted. Every scored
/// answer thus gets a prediction from a model that never saw its question, and the figures rest on all questions
/// instead of one 30% split, which moved kappa by a few hundredths with the split seed.
/// </summary>
public static class CrossValidation
{
    /// <param name="scored">Examples to predict out of fold (with their question ids).</param>
    /// <param name="alwaysTrain">Examples in every fold's training set and never scored (the project's own teaching examples).</param>
    /// <returns>One prediction per <paramref name="scored"/> example, in order.</returns>
    public static IReadOnlyList<Prediction> Run(IReadOnlyList<LabeledExample> scored, IReadOnlyList<LabeledExample> alwaysTrain,
        int folds, int foldSeed, TrainingOptions options, IProgress<string> progress)
    {
        ArgumentNullException.ThrowIfNull(scored);
        ArgumentNullException.ThrowIfNull(alwaysTrain);
        var foldOf = QuestionSplitter.Folds(scored, folds, foldSeed);
        var featurizer = new TextFeaturizer(options.Features);
        var all = scored.Concat(alwaysTrain).ToArray();
        var features = new FeatureVector[all.Length];
        for (var i = 0; i < all.Length; i++)
            features[i] = featurizer.Featurize(all[i].Prompt, all[i].Response, all[i].Language);

        var predictions = new Prediction[scored.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = Enumerable.Range(0, all.Length).Where(i => i >= scored.Count || foldOf[all[i].QuestionId] != fold).ToArray();
            var model = ClassifierTrainer.Train(train.Select(i => all[i]).ToArray(), train.Select(i => features[i]).ToArray(), options);
            var held = Enumerable.Range(0, scored.Count).Where(i => foldOf[scored[i].QuestionId] == fold).ToArray();
            foreach (var i in held)
                predictions[i] = Predict(model, scored[i], features[i]);
            progress.Report($"fold {fold + 1}/{folds}: trained on {train.Length} examples, predicted {held.Length}");
        }
        return predictions;
    }

    // The same decision the ONNX classifier makes: an empty answer is an ERROR without asking the model.
    private static Prediction Predict(TrainedClassifier model, LabeledExample example, FeatureVector features)
    {
        if (string.IsNullOrWhiteSpace(example.Response))
            return new Prediction(LabelSets.Error, LabelSets.Name(Core.Verdicts.NarrativeLabel.None));
        var compliance = model.Compliance.PredictProbabilities(features);
        var narrative = model.Narrative.PredictProbabilities(features);
        return new Prediction(model.Compliance.Labels[ArgMax(compliance)], model.Narrative.Labels[ArgMax(narrative)])
        {
            ComplianceProbabilities = model.Compliance.Labels.Select((label, k) => (label, compliance[k])).ToDictionary(p => p.label, p => p.Item2),
        };
    }

    private static int ArgMax(double[] values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
            if (values[k] > values[best])
                best = k;
        return best;
    }

    /// <summary>Label names as the data files spell them (<see cref="LabelSets"/>).</summary>
    public sealed record Prediction(string Compliance, string Narrative)
    {
        /// <summary>The fold model's probability per compliance label; empty for answers it did not read (ERROR).</summary>
        public IReadOnlyDictionary<string, double> ComplianceProbabilities { get; init; } = new Dictionary<string, double>();
    }
}
