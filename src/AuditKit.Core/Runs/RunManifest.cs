using AuditKit.Core.Backends;

namespace AuditKit.Core.Runs;

/// <summary>
/// Provenance of a stored run: enough to reproduce it and to tell two runs apart. Serialised as
/// <c>manifest.json</c> beside the store; <see cref="SchemaVersion"/> changes whenever a field's meaning does.
/// </summary>
public sealed record RunManifest
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string RunId { get; init; }
    public required ModelDescription Model { get; init; }
    public required SamplerSettings Sampler { get; init; }
    public required IReadOnlyList<SuiteReference> Suites { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required int Samples { get; init; }
    public required string ToolVersion { get; init; }
    public string? GitCommit { get; init; }
    /// <summary>Host facts that explain speed, not results: OS, CPU count, GPU offload.</summary>
    public IReadOnlyDictionary<string, string> Host { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>True for the built-in smoke model: a pipeline check, not an audit of a real model.</summary>
    public bool IsSmokeTest { get; init; }
    /// <summary>Imported runs: SHA-256 of the transcript file.</summary>
    public string? ImportedFileSha256 { get; init; }
    /// <summary>
    /// What the last pass did (counts, tokens, latency, rates, why it stopped); null for runs from before this field,
    /// imports, and a pass still going. Added without a schema bump: readers that do not know it skip it.
    /// </summary>
    public RunStats? RunStats { get; init; }
}
