namespace AuditKit.Core.Attempts;

/// <summary>
/// One model answer to one probe in one language: the unit everything downstream (classification, reports)
/// works on. Stored runs keep every field; imported transcripts fill what they have.
/// </summary>
public sealed record Attempt
{
    public required AttemptKey Key { get; init; }
    public required string Topic { get; init; }
    public required string Kind { get; init; }
    /// <summary>The probe text as written in the suite.</summary>
    public required string Prompt { get; init; }
    /// <summary>The exact text given to the model after chat templating (empty for remote backends that template server-side).</summary>
    public string PromptAsSent { get; init; } = "";
    /// <summary>Everything the model produced, before the reasoning trace was split off.</summary>
    public string RawOutput { get; init; } = "";
    /// <summary>The reasoning trace; null when the output had none, empty when the model opened and closed an empty trace.</summary>
    public string? Reasoning { get; init; }
    /// <summary>The final answer: what classifiers and reports judge.</summary>
    public string Response { get; init; } = "";
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    /// <summary>Wall time of the generation in milliseconds, prompt processing included.</summary>
    public double DurationMs { get; init; }
    public FinishReason FinishReason { get; init; }
    /// <summary>
    /// A provider's own verdict on the exchange as the source gave it (e.g. <c>content_filter</c>, SpeechMap's
    /// <c>ERROR_ORIGINAL_MODERATION</c>): the answer was blocked or replaced by the provider, not written by the model,
    /// so it is kept and counted, never classified as the model's answer. Null when there was none.
    /// </summary>
    public string? Moderation { get; init; }
    /// <summary>Why the attempt failed; null on success. Failed attempts are retried on resume.</summary>
    public string? Error { get; init; }
    /// <summary>The sampler seed used for this attempt (derived from the run seed and the key).</summary>
    public long Seed { get; init; }
    public DateTimeOffset CompletedAt { get; init; }

    public bool Succeeded => Error is null;
}
