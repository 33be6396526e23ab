using AuditKit.Classification.Features;
using AuditKit.Classification.Onnx;

namespace AuditKit.Classification.Training;

/// <summary>The two trained heads with the featurizer settings they need; can predict in C# and export to ONNX.</summary>
public sealed class TrainedClassifier
{
    private readonly TextFeaturizer _featurizer;

    internal TrainedClassifier(string id, FeaturizerSettings settings, SoftmaxRegression compliance, SoftmaxRegression narrative,
        int complianceExamples, int narrativeExamples)
    {
        Id = id;
        Settings = settings;
        Compliance = compliance;
        Narrative = narrative;
        ComplianceExamples = complianceExamples;
        NarrativeExamples = narrativeExamples;
        _featurizer = new TextFeaturizer(settings);
    }

    public string Id { get; }

    public FeaturizerSettings Settings { get; }

    public SoftmaxRegression Compliance { get; }

    public SoftmaxRegression Narrative { get; }

    public int ComplianceExamples { get; }

    public int NarrativeExamples { get; }

    /// <summary>Probabilities in <see cref="LabelSets"/> order, computed in C# (the reference the ONNX graph must reproduce).</summary>
    public (double[] Compliance, double[] Narrative) Predict(string prompt, string response, string language)
    {
        var features = _featurizer.Featurize(prompt, response, language);
        return (Compliance.PredictProbabilities(features), Narrative.PredictProbabilities(features));
    }

    /// <summary>Writes one ONNX file with two outputs; its metadata carries the id, feature settings and label order.</summary>
    public void SaveOnnx(string path)
    {
        var metadata = new Dictionary<string, string>(Settings.ToMetadata())
        {
            ["classifier_id"] = Id,
            ["compliance_labels"] = string.Join(",", Compliance.Labels),
            ["narrative_labels"] = string.Join(",", Narrative.Labels),
            ["compliance_training_examples"] = ComplianceExamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["narrative_training_examples"] = NarrativeExamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["narrative_trained"] = Narrative.IsTrained ? "true" : "false",
        };
        OnnxModelWriter.Write(path, Settings.Dimensions, Compliance, Narrative, metadata);
    }
}
