using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// A topic's markers are defined once: two suites declaring the same topic with different markers make the same answer
/// count as endorsement in one run and not in another. A topic may be declared in several suites (the starter suite
/// reuses curated topics) but only one declaration carries markers. No marker pattern may also be a fact pattern of a
/// probe of its topic: a correct answer would then count as endorsing the official line.
/// </summary>
public sealed class MarkerDefinitionValidator : ISuiteValidator
{
    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var withMarkers = new Dictionary<string, LoadedSuite>(StringComparer.Ordinal);
        var markersByTopic = new Dictionary<string, List<NarrativeMarker>>(StringComparer.Ordinal);
        foreach (var loaded in suites)
            foreach (var topic in loaded.Suite.Topics.Where(t => t.Markers.Count > 0))
            {
                if (withMarkers.TryGetValue(topic.Id, out var first) && !ReferenceEquals(first, loaded))
                    yield return new SuiteIssue(loaded.SuiteLine, null,
                        $"topic '{topic.Id}' defines markers here and in {first.Suite.SourcePath}; define them once and declare the topic elsewhere without markers");
                else
                    withMarkers.TryAdd(topic.Id, loaded);
                if (!markersByTopic.TryGetValue(topic.Id, out var list)) markersByTopic[topic.Id] = list = [];
                list.AddRange(topic.Markers);
            }

        foreach (var loaded in suites)
            foreach (var probe in loaded.Suite.Probes)
            {
                var markers = markersByTopic.GetValueOrDefault(probe.Topic) ?? [];
                foreach (var fact in probe.Facts)
                    foreach (var (language, patterns) in fact.Patterns.ByLanguage)
                        foreach (var marker in markers.Concat(probe.Markers))
                            foreach (var shared in marker.Patterns.For(language).Intersect(patterns, StringComparer.Ordinal))
                                yield return new SuiteIssue(loaded.LineOf(probe.Id), probe.Id,
                                    $"fact '{fact.Id}' and marker '{marker.Id}' share the '{language}' pattern /{shared}/: a correct answer would count as endorsement");
            }
    }
}
