using AuditKit.Classification.Features;

namespace AuditKit.Classification.Training;

/// <summary>
/// Trains both heads (compliance, narrative) on hashed features with AdaGrad, single-threaded and seeded, so the
/// same examples and options always give the same weights and the same ONNX bytes.
/// </summary>
public static class ClassifierTrainer
{
    public static TrainedClassifier Train(IReadOnlyList<LabeledExample> examples, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var featurizer = new TextFeaturizer(options.Features);
        var features = new FeatureVector[examples.Count];
        for (var i = 0; i < examples.Count; i++)
            features[i] = featurizer.Featurize(examples[i].Prompt, examples[i].Response, examples[i].Language);
        return Train(examples, features, options);
    }

    /// <summary>
    /// Trains on features computed beforehand with a <see cref="TextFeaturizer"/> built from
    /// <paramref name="options"/>.Features (one per example, same order); lets a hyper-parameter search featurize once.
    /// </summary>
    public static TrainedClassifier Train(IReadOnlyList<LabeledExample> examples, IReadOnlyList<FeatureVector> features, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count != examples.Count)
            throw new ArgumentException("One feature vector per example is required.", nameof(features));
        var compliance = TrainHead(features, examples, e => e.Compliance is null or LabelSets.Error ? null : e.Compliance,
            LabelSets.Compliance, options, options.Seed);
        var narrative = TrainHead(features, examples, e => e.Narrative, LabelSets.Narrative, options, options.Seed + 1);
        return new TrainedClassifier(options.ClassifierId, options.Features, compliance.Model, narrative.Model,
            compliance.Count, narrative.Count, TrainingAnswers(examples));
    }

    /// <summary>Trains and writes the ONNX file in one step; returns the trained model for inspection.</summary>
    public static TrainedClassifier TrainToFile(IReadOnlyList<LabeledExample> examples, TrainingOptions options, string onnxPath) =>
        TrainToFile(examples, options, onnxPath, new Dictionary<string, string>());

    /// <param name="trainingFiles">SHA-256 of each file the examples came from, by a machine-independent name; recorded in the metadata.</param>
    public static TrainedClassifier TrainToFile(IReadOnlyList<LabeledExample> examples, TrainingOptions options, string onnxPath,
        IReadOnlyDictionary<string, string> trainingFiles)
    {
        var trained = Train(examples, options);
        trained.SaveOnnx(onnxPath, trainingFiles);
        return trained;
    }

    /// <summary>Fingerprints of the answers either head learnt from (ERROR rows and empty answers teach nothing), sorted and distinct.</summary>
    private static ulong[] TrainingAnswers(IReadOnlyList<LabeledExample> examples) =>
        [.. examples
            .Where(e => !string.IsNullOrWhiteSpace(e.Response) && (e.Compliance is not (null or LabelSets.Error) || e.Narrative is not null))
            .Select(e => AnswerFingerprint.Of(e.Response))
            .Distinct()
            .Order()];

    private static (SoftmaxRegression Model, int Count) TrainHead(
        IReadOnlyList<FeatureVector> features,
        IReadOnlyList<LabeledExample> examples,
        Func<LabeledExample, string?> labelOf,
        IReadOnlyList<string> labels,
        TrainingOptions options,
        int seed)
    {
        var classes = labels.Count;
        var dimensions = options.Features.Dimensions;
        var rows = new List<int>();
        var targets = new List<int>();
        for (var i = 0; i < examples.Count; i++)
        {
            var label = labelOf(examples[i]);
            if (label is null)
                continue;
            var target = IndexOf(labels, label)
                ?? throw new ArgumentException($"Example '{examples[i].Id}' has label '{label}', expected one of {string.Join(", ", labels)}.");
            rows.Add(i);
            targets.Add(target);
        }

        var weights = new double[dimensions * classes];
        var bias = new double[classes];
        if (rows.Count == 0)
            return (new SoftmaxRegression(labels, dimensions, new float[weights.Length], new float[classes]), 0);

        var counts = new int[classes];
        foreach (var t in targets)
            counts[t]++;
        var classWeight = new double[classes];
        for (var k = 0; k < classes; k++)
            classWeight[k] = counts[k] == 0 ? 0 : Math.Pow((double)rows.Count / (classes * counts[k]), options.ClassWeightPower);

        var squared = new double[weights.Length];
        var biasSquared = new double[classes];
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(seed);
        var scores = new double[classes];
        var errors = new double[classes];
        const double epsilon = 1e-8;

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
            foreach (var position in order)
            {
                var x = features[rows[position]];
                var y = targets[position];
                for (var k = 0; k < classes; k++)
                    scores[k] = bias[k];
                for (var n = 0; n < x.Indices.Length; n++)
                {
                    var row = x.Indices[n] * classes;
                    for (var k = 0; k < classes; k++)
                        scores[k] += x.Values[n] * weights[row + k];
                }
                SoftmaxRegression.Softmax(scores);
                var w = classWeight[y];
                for (var k = 0; k < classes; k++)
                {
                    errors[k] = w * (scores[k] - (k == y ? 1 : 0));
                    biasSquared[k] += errors[k] * errors[k];
                    bias[k] -= options.LearningRate * errors[k] / Math.Sqrt(biasSquared[k] + epsilon);
                }
                // Feature-major order keeps each feature's class weights together in memory; every weight is updated
                // independently, so the order does not change the result.
                for (var n = 0; n < x.Indices.Length; n++)
                {
                    var row = x.Indices[n] * classes;
                    var value = x.Values[n];
                    for (var k = 0; k < classes; k++)
                    {
                        var at = row + k;
                        var gradient = errors[k] * value + options.L2 * weights[at];
                        squared[at] += gradient * gradient;
                        weights[at] -= options.LearningRate * gradient / Math.Sqrt(squared[at] + epsilon);
                    }
                }
            }
        }

        var model = new SoftmaxRegression(labels, dimensions, weights.Select(v => (float)v).ToArray(), bias.Select(v => (float)v).ToArray())
        {
            IsTrained = true,
        };
        return (model, rows.Count);
    }

    private static int? IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
            if (labels[i] == label)
                return i;
        return null;
    }
}
