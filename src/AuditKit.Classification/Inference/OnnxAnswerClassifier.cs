using AuditKit.Core.Files;
using AuditKit.Classification.Features;
using AuditKit.Classification.Onnx;
using AuditKit.Classification.Training;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Verdicts;
using Microsoft.ML.OnnxRuntime;

namespace AuditKit.Classification.Inference;

/// <summary>
/// Classifies answers with the ONNX file written by <see cref="TrainedClassifier.SaveOnnx"/>. Everything it needs
/// (id, feature settings, label order, what it was trained on) is read from the file's metadata.
/// </summary>
public sealed class OnnxAnswerClassifier : IAnswerClassifier, IDisposable
{
    /// <summary>Rows per ONNX Runtime call; the dense input is BatchSize x Dimensions floats.</summary>
    public const int BatchSize = 32;

    private readonly InferenceSession _session;
    private readonly TextFeaturizer _featurizer;
    private readonly IReadOnlyList<ComplianceLabel> _complianceOrder;
    private readonly IReadOnlyList<NarrativeLabel> _narrativeOrder;
    private readonly bool _narrativeTrained;
    private readonly HashSet<ulong>? _trainingAnswers;
    private readonly Lock _gate = new();

    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="intraOpThreads">ONNX Runtime threads per call; 1 keeps a batch job from fighting other work for cores.</param>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="ClassifierFormatException">
    /// Not an ONNX file, not an AuditKit classifier, or metadata (labels, feature settings) that disagree with the graph.
    /// </exception>
    public OnnxAnswerClassifier(string modelPath, int intraOpThreads = 1)
    {
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"Classifier model not found: {modelPath}", modelPath);
        Sha256 = FileHash.Sha256(modelPath);
        using var options = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
        try
        {
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ClassifierFormatException($"{modelPath}: not an ONNX model ONNX Runtime can load ({OneLine(e.Message)})", e);
        }
        try
        {
            var metadata = _session.ModelMetadata.CustomMetadataMap;
            Settings = ReadSettings(metadata, modelPath);
            Id = metadata.TryGetValue("classifier_id", out var id) && id.Length > 0
                ? id
                : throw new ClassifierFormatException($"{modelPath}: no 'classifier_id' in the model's metadata (not an AuditKit classifier?)");
            _complianceOrder = ReadLabels(metadata, "compliance_labels", modelPath, LabelSets.Compliance).Select(LabelSets.ToCompliance).ToArray();
            _narrativeOrder = ReadLabels(metadata, "narrative_labels", modelPath, LabelSets.Narrative).Select(LabelSets.ToNarrative).ToArray();
            _narrativeTrained = !metadata.TryGetValue("narrative_trained", out var trained) || trained == "true";
            _trainingAnswers = ReadTrainingAnswers(metadata, modelPath);
            TrainingFiles = ReadTrainingFiles(metadata);
            CheckGraph(modelPath);
            _featurizer = new TextFeaturizer(Settings);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Id { get; }

    public string Sha256 { get; }

    public FeaturizerSettings Settings { get; }

    /// <summary>
    /// False for a file written before training answers were recorded (or with another fingerprint recipe):
    /// <see cref="WasTrainedOn"/> then cannot tell and always says false.
    /// </summary>
    public bool RecordsTrainingAnswers => _trainingAnswers is not null;

    /// <summary>How many distinct answers the file says it was trained on (0 when not recorded).</summary>
    public int TrainingAnswerCount => _trainingAnswers?.Count ?? 0;

    /// <summary>SHA-256 of each training file by name, as recorded in the metadata; empty when not recorded.</summary>
    public IReadOnlyDictionary<string, string> TrainingFiles { get; }

    /// <summary>
    /// Whether <paramref name="answer"/> (a final answer, as classified) is one of the training answers, up to Unicode
    /// normalisation and whitespace (<see cref="AnswerFingerprint"/>). Verdicts on such answers agree with their training
    /// labels more than on unseen answers, so figures over them are optimistic.
    /// </summary>
    public bool WasTrainedOn(string answer) =>
        _trainingAnswers is not null && !string.IsNullOrWhiteSpace(answer) && _trainingAnswers.Contains(AnswerFingerprint.Of(answer));

    public IReadOnlyList<Verdict> Classify(IReadOnlyList<ClassifierInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var verdicts = new Verdict[inputs.Count];
        var pending = new List<(int Index, FeatureVector Features)>(BatchSize);
        lock (_gate)
        {
            for (var i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                if (string.IsNullOrWhiteSpace(input?.Response))
                {
                    verdicts[i] = ErrorVerdict;
                    continue;
                }
                pending.Add((i, _featurizer.Featurize(input.Prompt, input.Response, input.Language)));
                if (pending.Count == BatchSize)
                    RunBatch(pending, verdicts);
            }
            if (pending.Count > 0)
                RunBatch(pending, verdicts);
        }
        return verdicts;
    }

    public void Dispose() => _session.Dispose();

    private static Verdict ErrorVerdict { get; } = new(
        ComplianceLabel.Error,
        new Dictionary<ComplianceLabel, double> { [ComplianceLabel.Error] = 1.0 },
        NarrativeLabel.None,
        new Dictionary<NarrativeLabel, double> { [NarrativeLabel.None] = 1.0 },
        Truncated: false);

    private void RunBatch(List<(int Index, FeatureVector Features)> pending, Verdict[] verdicts)
    {
        var rows = pending.Count;
        // Sparse input: each row's non-zero features, padded to the longest row with index 0 and value 0.
        var nonZero = Math.Max(1, pending.Max(p => p.Features.Indices.Length));
        var indices = new long[rows * nonZero];
        var values = new float[rows * nonZero];
        for (var r = 0; r < rows; r++)
        {
            var features = pending[r].Features;
            for (var k = 0; k < features.Indices.Length; k++)
            {
                indices[r * nonZero + k] = features.Indices[k];
                values[r * nonZero + k] = features.Values[k];
            }
        }

        using var indexInput = OrtValue.CreateTensorValueFromMemory(indices, [rows, nonZero]);
        using var valueInput = OrtValue.CreateTensorValueFromMemory(values, [rows, nonZero]);
        using var outputs = _session.Run(new RunOptions(), [OnnxModelWriter.IndicesInput, OnnxModelWriter.ValuesInput], [indexInput, valueInput],
            [OnnxModelWriter.ComplianceOutput, OnnxModelWriter.NarrativeOutput]);
        var compliance = outputs[0].GetTensorDataAsSpan<float>();
        var narrative = outputs[1].GetTensorDataAsSpan<float>();

        for (var r = 0; r < rows; r++)
        {
            var complianceRow = compliance.Slice(r * _complianceOrder.Count, _complianceOrder.Count);
            var narrativeRow = narrative.Slice(r * _narrativeOrder.Count, _narrativeOrder.Count);
            var complianceProbabilities = new Dictionary<ComplianceLabel, double>();
            for (var k = 0; k < _complianceOrder.Count; k++)
                complianceProbabilities[_complianceOrder[k]] = complianceRow[k];
            var narrativeProbabilities = new Dictionary<NarrativeLabel, double>();
            for (var k = 0; k < _narrativeOrder.Count; k++)
                narrativeProbabilities[_narrativeOrder[k]] = narrativeRow[k];
            verdicts[pending[r].Index] = new Verdict(
                _complianceOrder[ArgMax(complianceRow)],
                LabelProbabilities<ComplianceLabel>.From(complianceProbabilities),
                _narrativeTrained ? _narrativeOrder[ArgMax(narrativeRow)] : NarrativeLabel.None,
                LabelProbabilities<NarrativeLabel>.From(narrativeProbabilities),
                pending[r].Features.Truncated);
        }

        pending.Clear();
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var k = 1; k < values.Length; k++)
            if (values[k] > values[best])
                best = k;
        return best;
    }

    private static HashSet<ulong>? ReadTrainingAnswers(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(TrainedClassifier.TrainingAnswerRecipeKey, out var recipe) || recipe != AnswerFingerprint.Recipe
            || !metadata.TryGetValue(TrainedClassifier.TrainingAnswersKey, out var text))
            return null;
        var answers = new HashSet<ulong>();
        foreach (var hex in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
            answers.Add(AnswerFingerprint.TryParseHex(hex, out var fingerprint)
                ? fingerprint
                : throw new ClassifierFormatException($"{path}: metadata '{TrainedClassifier.TrainingAnswersKey}' holds '{(hex.Length > 40 ? hex[..40] + "…" : hex)}', not 16 hex digits"));
        return answers;
    }

    // Informational only (nothing is decided on it), so an edited entry is skipped rather than refused.
    private static Dictionary<string, string> ReadTrainingFiles(IReadOnlyDictionary<string, string> metadata)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata.TryGetValue(TrainedClassifier.TrainingFilesKey, out var text))
            foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2))
                files[pair[0]] = pair[1];
        return files;
    }

    private static FeaturizerSettings ReadSettings(IReadOnlyDictionary<string, string> metadata, string path)
    {
        FeaturizerSettings settings;
        try
        {
            settings = FeaturizerSettings.FromMetadata(metadata);
        }
        catch (InvalidDataException e)
        {
            throw new ClassifierFormatException($"{path}: {e.Message}", e);
        }
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            var values = string.Join(", ", settings.ToMetadata().Where(p => p.Key != "feature_recipe").Select(p => $"{p.Key} {p.Value}"));
            throw new ClassifierFormatException($"{path}: unusable feature settings in the model's metadata ({values}): {e.Message}", e);
        }
        return settings;
    }

    /// <summary>
    /// The metadata is plain text anyone can edit; the graph is what inference runs. A disagreement found here would
    /// otherwise surface as an ONNX Runtime index error at the first answer, or as silently misread probabilities.
    /// </summary>
    private void CheckGraph(string path)
    {
        foreach (var input in new[] { OnnxModelWriter.IndicesInput, OnnxModelWriter.ValuesInput })
            if (!_session.InputMetadata.ContainsKey(input))
                throw new ClassifierFormatException($"{path}: the graph has no input '{input}' (not an AuditKit classifier?)");
        CheckOutputWidth(path, OnnxModelWriter.ComplianceOutput, "compliance_labels", _complianceOrder.Count);
        CheckOutputWidth(path, OnnxModelWriter.NarrativeOutput, "narrative_labels", _narrativeOrder.Count);

        (long Rows, long Columns)? shape;
        try
        {
            shape = OnnxWeightShape.Read(path);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException e)
        {
            throw new ClassifierFormatException($"{path}: the ONNX graph cannot be read ({OneLine(e.Message)})", e);
        }
        if (shape is not { } weights)
            throw new ClassifierFormatException($"{path}: the graph has no two-dimensional '{OnnxModelWriter.WeightsInitializer}' matrix (not an AuditKit classifier?)");
        if (weights.Rows != Settings.Dimensions)
            throw new ClassifierFormatException($"{path}: metadata 'feature_dimensions' is {Settings.Dimensions} but the model's weights have {weights.Rows} feature rows");
        if (weights.Columns != _complianceOrder.Count + _narrativeOrder.Count)
            throw new ClassifierFormatException($"{path}: metadata 'compliance_labels' and 'narrative_labels' name {_complianceOrder.Count + _narrativeOrder.Count} labels but the model's weights have {weights.Columns} columns");
    }

    private void CheckOutputWidth(string path, string output, string key, int labels)
    {
        if (!_session.OutputMetadata.TryGetValue(output, out var node))
            throw new ClassifierFormatException($"{path}: the graph has no output '{output}' (not an AuditKit classifier?)");
        if (node.Dimensions is not [_, var width] || width != labels)
            throw new ClassifierFormatException($"{path}: metadata '{key}' names {labels} labels but output '{output}' has shape [{string.Join(", ", node.Dimensions)}]");
    }

    /// <summary>Labels in output order; each must be a known label of its head, once.</summary>
    private static string[] ReadLabels(IReadOnlyDictionary<string, string> metadata, string key, string path, IReadOnlyList<string> known)
    {
        if (!metadata.TryGetValue(key, out var text) || text.Length == 0)
            throw new ClassifierFormatException($"{path}: no '{key}' in the model's metadata");
        var labels = text.Split(',');
        foreach (var label in labels)
            if (!known.Contains(label))
                throw new ClassifierFormatException($"{path}: metadata '{key}' has unknown label '{label}' (expected {string.Join(", ", known)})");
        if (labels.Distinct(StringComparer.Ordinal).Count() != labels.Length)
            throw new ClassifierFormatException($"{path}: metadata '{key}' names a label twice ('{text}')");
        return labels;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
