using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// Fact probes carry the ground truth omission is measured against: every fact must be checkable in every language the
/// probe is asked in, and dated (<c>as_of</c>) so a miss on an event after a model's training cut-off can be set aside.
/// </summary>
public sealed class FactCoverageValidator : ISuiteValidator
{
    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        foreach (var loaded in suites)
        {
            foreach (var probe in loaded.Suite.Probes)
            {
                var where = loaded.LineOf(probe.Id);
                if (probe.Kind == ProbeKind.Fact && probe.Facts.Count == 0)
                    yield return new SuiteIssue(where, probe.Id, "fact probe without expected facts");
                foreach (var fact in probe.Facts)
                {
                    foreach (var language in probe.Text.Keys.Where(l => fact.Patterns.For(l).Count == 0))
                        yield return new SuiteIssue(where, probe.Id, $"fact '{fact.Id}' has no pattern for '{language}'");
                    if (fact.AsOf is null)
                        yield return new SuiteIssue(where, probe.Id, $"fact '{fact.Id}' has no as_of date: reports cannot leave it out for models trained before it",
                            fact.PostCutoff ? IssueSeverity.Error : IssueSeverity.Warning);
                }
            }
        }
    }
}
