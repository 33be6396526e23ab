using AuditKit.Core.Attempts;

namespace AuditKit.Runner.Imports;

/// <summary>
/// Reads a transcript's <c>finish_reason</c> and moderation columns, so that an answer a provider's filter cut or
/// replaced is kept as such instead of being stored as a normal stop and judged as the model's own answer.
/// </summary>
public static class ProviderVerdicts
{
    // Values that say "no verdict": lets --map moderation=label read SpeechMap's label column, where only the
    // ERROR_ORIGINAL_* values come from the provider and COMPLETE/EVASIVE/DENIAL are the judge's labels of real answers.
    private static readonly HashSet<string> NoVerdict = new(StringComparer.OrdinalIgnoreCase)
    {
        "", "none", "null", "false", "0", "no", "COMPLETE", "EVASIVE", "DENIAL",
    };

    /// <summary>OpenAI-style finish reasons (and Anthropic's <c>max_tokens</c>); anything else, or none, is a normal stop.</summary>
    public static FinishReason FinishReasonOf(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "length" or "max_tokens" => FinishReason.Length,
        "content_filter" => FinishReason.ContentFilter,
        _ => FinishReason.Stop,
    };

    /// <summary>
    /// The provider's verdict as the source wrote it (<c>ERROR_ORIGINAL_MODERATION</c>, <c>content_filter</c>), or null
    /// when the moderation value is empty or a no-verdict value; a content_filter finish is a verdict on its own.
    /// </summary>
    public static string? ModerationOf(string? moderation, string? finishReason)
    {
        if (moderation?.Trim() is { } value && !NoVerdict.Contains(value)) return value;
        return FinishReasonOf(finishReason) == FinishReason.ContentFilter ? finishReason!.Trim() : null;
    }
}
