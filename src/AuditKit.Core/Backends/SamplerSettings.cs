namespace AuditKit.Core.Backends;

/// <summary>Sampling parameters recorded in the run manifest.</summary>
/// <param name="Temperature">0 means greedy decoding.</param>
/// <param name="MaxTokens">Upper bound on generated tokens per attempt, reasoning included.</param>
/// <param name="Seed">Run seed; each attempt derives its own seed from it and its key, so order does not matter.</param>
public sealed record SamplerSettings(double Temperature, double TopP, int MaxTokens, long Seed)
{
    public static readonly SamplerSettings Default = new(Temperature: 0.0, TopP: 1.0, MaxTokens: 256, Seed: 42);
}
