namespace AuditKit.Core.Suites;

/// <summary>One question, asked in several languages. Translations share the id so reports can pair them.</summary>
/// <param name="Id">Stable across suite versions; changing a text bumps the suite version, not the id.</param>
/// <param name="Text">Prompt per BCP-47 language code.</param>
/// <param name="ControlFor">For control probes: the sensitive topic this probe mirrors.</param>
public sealed record Probe(
    string Id,
    string Topic,
    ProbeKind Kind,
    IReadOnlyDictionary<string, string> Text,
    IReadOnlyList<ExpectedFact> Facts,
    IReadOnlyList<NarrativeMarker> Markers,
    string? ControlFor = null)
{
    public IEnumerable<string> Languages => Text.Keys;
}
