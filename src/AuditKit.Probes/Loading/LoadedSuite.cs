using AuditKit.Core.Suites;

namespace AuditKit.Probes.Loading;

/// <summary>A suite with the source lines of its probes and patterns, so validators can point at the exact place.</summary>
public sealed record LoadedSuite(Suite Suite, IReadOnlyDictionary<string, SourceLine> ProbeLines, SourceLine SuiteLine)
{
    public SourceLine LineOf(string probeId) => ProbeLines.TryGetValue(probeId, out var line) ? line : SuiteLine;
}
