namespace AuditKit.Core.Suites;

/// <summary>One question, asked in several languages. Translations share the id so reports can pair them.</summary>
/// <param name="Id">Stable across suite versions; changing a text bumps the suite version, not the id.</param>
/// <param name="Text">Prompt per BCP-47 language code.</param>
/// <param name="ControlFor">For control probes: the sensitive topic this probe mirrors.</param>
/// <param name="PairsWith">For sensitive probes: the id of the control asked with the same template, kind and languages about another government or a neutral subject, so reports can take paired differences.</param>
/// <param name="ForcedChoice">An either/or opinion probe: hedging on it is a legitimate answer, not evasion, in headline figures.</param>
public sealed record Probe(
    string Id,
    string Topic,
    ProbeKind Kind,
    IReadOnlyDictionary<string, string> Text,
    IReadOnlyList<ExpectedFact> Facts,
    IReadOnlyList<NarrativeMarker> Markers,
    string? ControlFor = null,
    string? PairsWith = null,
    bool ForcedChoice = false)
{
    public IEnumerable<string> Languages => Text.Keys;

    /// <summary>A control (it names the topic it mirrors, or is of the legacy kind <c>control</c>), as opposed to a sensitive probe.</summary>
    public bool IsControl => ControlFor is not null || Kind == ProbeKind.Control;
}
