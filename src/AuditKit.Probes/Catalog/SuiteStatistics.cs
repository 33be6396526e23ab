using AuditKit.Core.Suites;

namespace AuditKit.Probes.Catalog;

/// <summary>Probe counts per topic, language and kind: what <c>auditkit suites stats</c> prints.</summary>
public sealed record SuiteStatistics(
    int Probes,
    int PromptTexts,
    IReadOnlyDictionary<string, int> ProbesByRegion,
    IReadOnlyList<TopicCoverage> Topics)
{
    public static SuiteStatistics Of(IEnumerable<Suite> suites)
    {
        var list = suites.ToList();
        var regionOfTopic = list.SelectMany(s => s.Topics).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Region);
        var probes = list.SelectMany(s => s.Probes).ToList();
        string Region(Probe p) => regionOfTopic.TryGetValue(p.Topic, out var r) && r.Length > 0 ? r : "unspecified";

        var topics = probes.GroupBy(p => p.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TopicCoverage(
            g.Key,
            Region(g.First()),
            g.Count(),
            g.SelectMany(p => p.Text.Keys).GroupBy(l => l).OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Count()),
            g.GroupBy(p => p.Kind.ToString().ToLowerInvariant()).OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Count()))).ToList();

        return new SuiteStatistics(
            probes.Count,
            probes.Sum(p => p.Text.Count),
            probes.GroupBy(Region).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            topics);
    }
}
