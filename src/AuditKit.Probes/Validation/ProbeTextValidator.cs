using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>Every probe has non-empty text in known language codes, and refers to a declared topic.</summary>
public sealed class ProbeTextValidator : ISuiteValidator
{
    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var allTopics = suites.SelectMany(s => s.Suite.Topics).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var loaded in suites)
        {
            foreach (var probe in loaded.Suite.Probes)
            {
                var where = loaded.LineOf(probe.Id);
                if (probe.Text.Count == 0)
                    yield return new SuiteIssue(where, probe.Id, "has no text in any language");
                foreach (var (language, text) in probe.Text)
                {
                    if (!LanguageCodes.IsKnown(language))
                        yield return new SuiteIssue(where, probe.Id, $"unknown language code '{language}' (known: {string.Join(", ", LanguageCodes.All.Order(StringComparer.Ordinal))})");
                    if (string.IsNullOrWhiteSpace(text))
                        yield return new SuiteIssue(where, probe.Id, $"empty text for '{language}'");
                }
                if (loaded.Suite.Topics.Count > 0 && !allTopics.Contains(probe.Topic))
                    yield return new SuiteIssue(where, probe.Id, $"topic '{probe.Topic}' is not declared under 'topics'");
                if (probe.ControlFor is { Length: > 0 } target && !allTopics.Contains(target) && suites.Count > 1)
                    yield return new SuiteIssue(where, probe.Id, $"control_for names topic '{target}', which no loaded suite declares");
            }
        }
    }
}
