namespace AuditKit.Core.Suites;

/// <summary>A versioned set of probes loaded from one YAML file.</summary>
/// <param name="ContentHash">SHA-256 (hex) of the file bytes, recorded in every run manifest.</param>
/// <param name="SourcePath">Where it was loaded from; empty for suites built in memory.</param>
public sealed record Suite(
    string Id,
    string Version,
    string Description,
    IReadOnlyList<Topic> Topics,
    IReadOnlyList<Probe> Probes,
    string ContentHash,
    string SourcePath)
{
    /// <summary>Narrative markers for a probe: its topic's plus its own.</summary>
    public IReadOnlyList<NarrativeMarker> MarkersFor(Probe probe) =>
        [.. Topics.Where(t => t.Id == probe.Topic).SelectMany(t => t.Markers), .. probe.Markers];

    /// <summary>Every probe with its topic's markers folded in: a probe as a run stores it, needing no suite to read.</summary>
    public IEnumerable<Probe> ProbesAsAsked() => Probes.Select(p => p with { Markers = MarkersFor(p) });
}
