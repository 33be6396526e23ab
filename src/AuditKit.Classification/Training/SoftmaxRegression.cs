using AuditKit.Classification.Features;

namespace AuditKit.Classification.Training;

/// <summary>
/// A multinomial logistic regression over hashed features: probabilities = softmax(x·W + b). Weights are row-major
/// [dimension, class], the layout of the ONNX MatMul initializer.
/// </summary>
public sealed class SoftmaxRegression
{
    public SoftmaxRegression(IReadOnlyList<string> labels, int dimensions, float[] weights, float[] bias)
    {
        if (weights.Length != dimensions * labels.Count || bias.Length != labels.Count)
            throw new ArgumentException("Weight or bias size does not match dimensions x classes.");
        Labels = labels;
        Dimensions = dimensions;
        Weights = weights;
        Bias = bias;
    }

    public IReadOnlyList<string> Labels { get; }

    public int Dimensions { get; }

    public float[] Weights { get; }

    public float[] Bias { get; }

    /// <summary>True when the head was trained on at least one example (an untrained head predicts uniform probabilities).</summary>
    public bool IsTrained { get; init; }

    public double[] PredictProbabilities(FeatureVector features)
    {
        var classes = Labels.Count;
        var scores = new double[classes];
        for (var k = 0; k < classes; k++)
            scores[k] = Bias[k];
        for (var i = 0; i < features.Indices.Length; i++)
        {
            var row = features.Indices[i] * classes;
            var x = features.Values[i];
            for (var k = 0; k < classes; k++)
                scores[k] += x * Weights[row + k];
        }
        Softmax(scores);
        return scores;
    }

    internal static void Softmax(double[] scores)
    {
        var max = scores.Max();
        double sum = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }
        for (var k = 0; k < scores.Length; k++)
            scores[k] /= sum;
    }
}
