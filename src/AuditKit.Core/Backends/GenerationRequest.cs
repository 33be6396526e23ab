namespace AuditKit.Core.Backends;

/// <summary>One generation: the conversation, sampler and the per-attempt seed.</summary>
public sealed record GenerationRequest(IReadOnlyList<ChatMessage> Messages, SamplerSettings Sampler, long Seed);
