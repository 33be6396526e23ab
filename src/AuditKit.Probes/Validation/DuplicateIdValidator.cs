using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>Probe ids pair translations and runs across versions, so they must be unique across every suite file; topic and fact ids within their scope.</summary>
public sealed class DuplicateIdValidator : ISuiteValidator
{
    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var firstSeen = new Dictionary<string, LoadedSuite>(StringComparer.Ordinal);
        foreach (var loaded in suites)
        {
            foreach (var probe in loaded.Suite.Probes)
            {
                if (!firstSeen.TryAdd(probe.Id, loaded))
                {
                    var first = firstSeen[probe.Id].LineOf(probe.Id);
                    yield return new SuiteIssue(loaded.LineOf(probe.Id), probe.Id, $"duplicate probe id (first defined at {first})");
                }
                foreach (var fact in probe.Facts.GroupBy(f => f.Id).Where(g => g.Count() > 1))
                    yield return new SuiteIssue(loaded.LineOf(probe.Id), probe.Id, $"fact id '{fact.Key}' appears {fact.Count()} times");
            }
            foreach (var topic in loaded.Suite.Topics.GroupBy(t => t.Id).Where(g => g.Count() > 1))
                yield return new SuiteIssue(loaded.SuiteLine, null, $"topic id '{topic.Key}' is declared {topic.Count()} times");
        }
    }
}
