using AuditKit.Classification.Features;
using AuditKit.Classification.Onnx;

namespace AuditKit.Classification.Training;

/// <summary>The two trained heads with the featurizer settings they need; can predict in C# and export to ONNX.</summary>
public sealed class TrainedClassifier
{
    private readonly TextFeaturizer _featurizer;

    internal TrainedClassifier(string id, FeaturizerSettings settings, SoftmaxRegression compliance, SoftmaxRegression narrative,
        int complianceExamples, int narrativeExamples, IReadOnlyList<ulong> trainingAnswers)
    {
        TrainingAnswers = trainingAnswers;
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

    /// <summary><see cref="AnswerFingerprint"/>s of the answers it learnt from, sorted and distinct.</summary>
    public IReadOnlyList<ulong> TrainingAnswers { get; }

    /// <summary>Probabilities in <see cref="LabelSets"/> order, computed in C# (the reference the ONNX graph must reproduce).</summary>
    public (double[] Compliance, double[] Narrative) Predict(string prompt, string response, string language)
    {
        var features = _featurizer.Featurize(prompt, response, language);
        return (Compliance.PredictProbabilities(features), Narrative.PredictProbabilities(features));
    }

    /// <summary>
    /// Writes one ONNX file with two outputs; its metadata carries the id, feature settings, label order, and what it
    /// was trained on: every training answer's fingerprint and the SHA-256 of each training file.
    /// </summary>
    /// <param name="trainingFiles">SHA-256 by file name (relative, so the bytes do not depend on the machine).</param>
    public void SaveOnnx(string path, IReadOnlyDictionary<string, string> trainingFiles)
    {
        var metadata = new Dictionary<string, string>(Settings.ToMetadata())
        {
            ["classifier_id"] = Id,
            ["compliance_labels"] = string.Join(",", Compliance.Labels),
            ["narrative_labels"] = string.Join(",", Narrative.Labels),
            ["compliance_training_examples"] = ComplianceExamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["narrative_training_examples"] = NarrativeExamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["narrative_trained"] = Narrative.IsTrained ? "true" : "false",
            [TrainingAnswersKey] = string.Join(",", TrainingAnswers.Select(AnswerFingerprint.ToHex)),
            [TrainingAnswerRecipeKey] = AnswerFingerprint.Recipe,
            [TrainingFilesKey] = string.Join(",", trainingFiles.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")),
        };
        OnnxModelWriter.Write(path, Settings.Dimensions, Compliance, Narrative, metadata);
    }

    /// <summary>Metadata keys: fingerprints (comma-separated hex), their recipe, and <c>name=sha256</c> pairs of the training files.</summary>
    public const string TrainingAnswersKey = "training_answers", TrainingAnswerRecipeKey = "training_answer_fingerprint", TrainingFilesKey = "training_files";
}
