using AuditKit.Core.Suites;

namespace AuditKit.Probes.Catalog;

/// <summary>
/// A topic's markers are defined in one suite (see <c>MarkerDefinitionValidator</c>) and apply wherever a probe of the
/// topic is asked, including suites such as the starter that only declare the topic; this index finds them across suites.
/// </summary>
public sealed class TopicMarkers
{
    private readonly Dictionary<string, IReadOnlyList<NarrativeMarker>> _byTopic = new(StringComparer.Ordinal);

    public TopicMarkers(IEnumerable<Suite> suites)
    {
        foreach (var topic in suites.SelectMany(s => s.Topics).Where(t => t.Markers.Count > 0))
            _byTopic.TryAdd(topic.Id, topic.Markers);
    }

    /// <summary>Every probe of <paramref name="suites"/> with its topic's markers folded in: a probe as a run stores it.</summary>
    public IEnumerable<Probe> ProbesAsAsked(IEnumerable<Suite> suites) =>
        suites.SelectMany(s => s.Probes).Select(p => p with { Markers = For(p) });

    /// <summary>The probe's topic markers (from whichever suite defines them) plus its own.</summary>
    public IReadOnlyList<NarrativeMarker> For(Probe probe) =>
        [.. _byTopic.GetValueOrDefault(probe.Topic) ?? [], .. probe.Markers];
}
