using AuditKit.Core.Suites;

namespace AuditKit.Probes.Catalog;

/// <summary>Probe counts per topic, language and kind, and how many sensitive probes have a paired control: what <c>auditkit suites stats</c> prints.</summary>
/// <param name="SensitiveProbes">Probes that are not controls.</param>
/// <param name="PairedProbes">Sensitive probes that name a control in <c>pairs_with</c>.</param>
/// <param name="PairedShare">PairedProbes / SensitiveProbes (0 when there is no sensitive probe).</param>
public sealed record SuiteStatistics(
    int Probes,
    int PromptTexts,
    int SensitiveProbes,
    int PairedProbes,
    double PairedShare,
    IReadOnlyDictionary<string, int> ProbesByRegion,
    IReadOnlyList<TopicCoverage> Topics)
{
    public static SuiteStatistics Of(IEnumerable<Suite> suites)
    {
        var list = suites.ToList();
        var regionOfTopic = list.SelectMany(s => s.Topics).GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First().Region);
        var probes = list.SelectMany(s => s.Probes).ToList();
        string Region(Probe p) => regionOfTopic.TryGetValue(p.Topic, out var r) && r.Length > 0 ? r : "unspecified";
        static string KindName(Probe p) => p.Kind.ToString().ToLowerInvariant();
        var controlsByTopic = probes.Where(p => p.ControlFor is not null).ToLookup(p => p.ControlFor!, StringComparer.Ordinal);

        var topics = probes.GroupBy(p => p.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new TopicCoverage(
            g.Key,
            Region(g.First()),
            g.Count(),
            g.SelectMany(p => p.Text.Keys).GroupBy(l => l).OrderBy(l => l.Key, StringComparer.Ordinal).ToDictionary(l => l.Key, l => l.Count()),
            g.GroupBy(KindName).OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Count()),
            g.Count(p => !p.IsControl && p.PairsWith is not null),
            controlsByTopic[g.Key].GroupBy(KindName).OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(k => k.Key, k => k.Count()))).ToList();

        int sensitive = probes.Count(p => !p.IsControl);
        int paired = probes.Count(p => !p.IsControl && p.PairsWith is not null);
        return new SuiteStatistics(
            probes.Count,
            probes.Sum(p => p.Text.Count),
            sensitive,
            paired,
            sensitive == 0 ? 0 : Math.Round((double)paired / sensitive, 4),
            probes.GroupBy(Region).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            topics);
    }
}
