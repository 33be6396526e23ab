using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// A probe must be asked in every language its topic is asked in, or language comparisons silently lose pairs.
/// A control is held to the languages of the topic it controls.
/// </summary>
public sealed class LanguageCoverageValidator : ISuiteValidator
{
    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var languagesByTopic = suites.SelectMany(s => s.Suite.Probes)
            .Where(p => p.ControlFor is null)
            .GroupBy(p => p.Topic)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Text.Keys).ToHashSet(StringComparer.Ordinal));

        foreach (var loaded in suites)
        {
            foreach (var probe in loaded.Suite.Probes)
            {
                var topic = probe.ControlFor ?? probe.Topic;
                if (!languagesByTopic.TryGetValue(topic, out var expected)) continue;
                var missing = expected.Where(l => !probe.Text.ContainsKey(l)).Order(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                    yield return new SuiteIssue(loaded.LineOf(probe.Id), probe.Id,
                        $"missing language(s) {string.Join(", ", missing)} that other probes of topic '{topic}' have");
            }
        }
    }
}
