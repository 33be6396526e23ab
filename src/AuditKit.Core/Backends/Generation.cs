using AuditKit.Core.Attempts;

namespace AuditKit.Core.Backends;

/// <summary>What a backend returns. Backends never throw for a failed generation; they return <see cref="Error"/>.</summary>
public sealed record Generation
{
    public string PromptAsSent { get; init; } = "";
    public string Text { get; init; } = "";
    /// <summary>Reasoning the server returned separately (<c>reasoning_content</c>); null when it returned none.</summary>
    public string? ServerReasoning { get; init; }
    /// <summary>True when the chat template opened a <c>&lt;think&gt;</c> block in the prompt, so the output starts mid-trace.</summary>
    public bool StartsInsideReasoning { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public double DurationMs { get; init; }
    public FinishReason FinishReason { get; init; }
    /// <summary>The provider's verdict when its filter stopped or replaced the answer (<c>content_filter</c>); else null.</summary>
    public string? Moderation { get; init; }
    public string? Error { get; init; }

    public static Generation Failed(string error, string promptAsSent = "", int promptTokens = 0) =>
        new() { Error = error, FinishReason = FinishReason.Error, PromptAsSent = promptAsSent, PromptTokens = promptTokens };
}
