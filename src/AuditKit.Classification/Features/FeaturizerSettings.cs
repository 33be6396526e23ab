using System.Globalization;

namespace AuditKit.Classification.Features;

/// <summary>
/// How text becomes a hashed feature vector. Stored in the ONNX file's metadata so inference rebuilds the exact
/// featurizer the model was trained with.
/// </summary>
/// <param name="Dimensions">Length of the hashed vector (the ONNX input width); a power of two.</param>
/// <param name="MaxAnswerTokens">o200k tokens of the answer read (and at most 4 characters per token); longer answers are cut and flagged as truncated.</param>
/// <param name="MaxPromptTokens">o200k tokens of the prompt read.</param>
/// <param name="LeadTokens">Opening answer tokens that get features of their own (refusals and deflections show there).</param>
/// <param name="TailTokens">Closing answer tokens that get features of their own (talking-point conclusions show there).</param>
public sealed record FeaturizerSettings(
    int Dimensions,
    int MaxAnswerTokens,
    int MaxPromptTokens,
    int LeadTokens,
    int TailTokens)
{
    // Default = the shipped model's settings (models/classifier.md).
    /// <summary>Version of the feature recipe; a model trained with another recipe is refused at load time.</summary>
    public const string Recipe = "auditkit-hashed-o200k-v2";

    public static FeaturizerSettings Default { get; } = new(1 << 18, 512, 128, 24, 32);

    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        ["feature_recipe"] = Recipe,
        ["feature_dimensions"] = Dimensions.ToString(CultureInfo.InvariantCulture),
        ["max_answer_tokens"] = MaxAnswerTokens.ToString(CultureInfo.InvariantCulture),
        ["max_prompt_tokens"] = MaxPromptTokens.ToString(CultureInfo.InvariantCulture),
        ["lead_tokens"] = LeadTokens.ToString(CultureInfo.InvariantCulture),
        ["tail_tokens"] = TailTokens.ToString(CultureInfo.InvariantCulture),
    };

    public static FeaturizerSettings FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("feature_recipe", out var recipe) || recipe != Recipe)
            throw new InvalidDataException($"The model was built with feature recipe '{recipe ?? "(none)"}'; this build reads '{Recipe}'.");
        return new FeaturizerSettings(
            Read(metadata, "feature_dimensions"),
            Read(metadata, "max_answer_tokens"),
            Read(metadata, "max_prompt_tokens"),
            Read(metadata, "lead_tokens"),
            Read(metadata, "tail_tokens"));
    }

    internal void Validate()
    {
        if (Dimensions < 16 || (Dimensions & (Dimensions - 1)) != 0)
            throw new ArgumentException($"Dimensions must be a power of two >= 16, got {Dimensions}.");
        if (MaxAnswerTokens < 1 || MaxPromptTokens < 1 || LeadTokens < 0 || TailTokens < 0)
            throw new ArgumentException("Token limits must be positive.");
    }

    private static int Read(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"The model's metadata lacks an integer '{key}'.");
}
