namespace AuditKit.Probes.Catalog;

/// <summary>How many probes a topic has, in which languages and of which kinds, and how it is controlled.</summary>
/// <param name="Paired">Sensitive probes of the topic that name a control in <c>pairs_with</c>.</param>
/// <param name="ControlsByKind">Controls that mirror this topic (<c>control_for</c>), by kind.</param>
public sealed record TopicCoverage(
    string Topic,
    string Region,
    int Probes,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<string, int> ByKind,
    int Paired,
    IReadOnlyDictionary<string, int> ControlsByKind);
