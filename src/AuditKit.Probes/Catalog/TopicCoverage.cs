namespace AuditKit.Probes.Catalog;

/// <summary>How many probes a topic has, in which languages and of which kinds.</summary>
public sealed record TopicCoverage(
    string Topic,
    string Region,
    int Probes,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<string, int> ByKind);
