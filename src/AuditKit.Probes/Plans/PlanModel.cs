namespace AuditKit.Probes.Plans;

/// <summary>One model of an audit plan: a local GGUF model (<see cref="Model"/>) or a served one (<see cref="Endpoint"/>).</summary>
/// <param name="Name">Short name: the model's run folder under the audit folder, and how comparisons refer to it.</param>
/// <param name="Line">Where the model is declared, for messages.</param>
/// <param name="Model">A GGUF path, <c>hf:</c> or <c>ollama:</c> reference, or <c>smoke</c> for the built-in smoke model; null for an endpoint.</param>
/// <param name="Endpoint">OpenAI-compatible base URL; null for a local model.</param>
/// <param name="ModelId">The model id requested from <paramref name="Endpoint"/>.</param>
/// <param name="ApiKeyEnv">Environment variable holding the endpoint's key; null for none.</param>
/// <param name="Parallel">Attempts in flight (decoded together locally, or requests at once).</param>
/// <param name="RequestTimeoutSeconds">Per HTTP request.</param>
public sealed record PlanModel(
    string Name, int Line, string? Model, string? Endpoint, string? ModelId, string? ApiKeyEnv, bool AllowInsecure,
    int Parallel, int GpuLayers, int Context, int? Threads, double RequestTimeoutSeconds, int Retries)
{
    public bool IsEndpoint => Endpoint is not null;

    /// <summary>The reference <c>smoke</c> names the built-in smoke model: a pipeline check, not an audit.</summary>
    public bool IsSmoke => Model == "smoke";
}
