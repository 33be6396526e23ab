namespace AuditKit.Core.Backends;

/// <summary>
/// Provenance of the model a run audits. Everything here goes into the manifest; <see cref="Name"/> is the
/// model column of every stored attempt.
/// </summary>
public sealed record ModelDescription
{
    /// <summary>Short name stored with every attempt (file name without extension, or the served model id).</summary>
    public required string Name { get; init; }
    /// <summary><c>llama.cpp</c> or <c>openai-compatible</c> or <c>import</c>.</summary>
    public required string Backend { get; init; }
    public string? Path { get; init; }
    public string? Sha256 { get; init; }
    public long? SizeBytes { get; init; }
    public string? Architecture { get; init; }
    /// <summary>Quantisation as llama.cpp names it, e.g. <c>Q4_K_M</c>, <c>F16</c>.</summary>
    public string? FileType { get; init; }
    public long? ParameterCount { get; init; }
    public int? TrainingContext { get; init; }
    /// <summary>SHA-256 of the chat template text in the GGUF metadata; null when the model has none.</summary>
    public string? ChatTemplateSha256 { get; init; }
    /// <summary>Which formatter was used: <c>chatml</c>, <c>deepseek-r1</c>, ..., or <c>fallback:plain</c> when the model had no usable template.</summary>
    public string? ChatTemplateFamily { get; init; }
    /// <summary>Remote backends: the endpoint with any credentials removed.</summary>
    public string? Endpoint { get; init; }
    /// <summary>Remote backends: the model name the server reported.</summary>
    public string? ServedModel { get; init; }
    /// <summary>Remote backends: endpoints earlier passes of this run used before <see cref="Endpoint"/>, oldest first; null when there were none.</summary>
    public IReadOnlyList<string>? EarlierEndpoints { get; init; }
    /// <summary>Backend-specific settings that affect results or speed (context, threads, GPU layers, native library).</summary>
    public IReadOnlyDictionary<string, string> Runtime { get; init; } = new Dictionary<string, string>();
}
