namespace AuditKit.Core.Backends;

/// <summary>Something that answers prompts: a local GGUF through llama.cpp, or an OpenAI-compatible server.</summary>
public interface IModelBackend : IAsyncDisposable
{
    /// <summary>Provenance for the run manifest. Stable for the lifetime of the backend.</summary>
    ModelDescription Model { get; }

    /// <summary>
    /// Generates one answer. Must be safe to call concurrently; a backend may batch concurrent calls.
    /// A failed generation (prompt too long, server error after retries) is returned as
    /// <see cref="Generation.Error"/>, never thrown; cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);
}
