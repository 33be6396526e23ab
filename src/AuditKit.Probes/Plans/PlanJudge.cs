namespace AuditKit.Probes.Plans;

/// <summary>An LLM judge asked for a second opinion on every run of the plan (as <c>classify --judge</c>).</summary>
/// <param name="Sample">Judge a seeded sample of this many answers per run; null judges all.</param>
public sealed record PlanJudge(string Endpoint, string ModelId, string? ApiKeyEnv, int? Sample, int Parallel, bool AllowInsecure);
