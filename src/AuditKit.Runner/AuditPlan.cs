using AuditKit.Core.Attempts;
using AuditKit.Core.Suites;

namespace AuditKit.Runner;

/// <summary>Expands suites into the exact set of attempts a run must end with: probe x language x sample.</summary>
public static class AuditPlan
{
    /// <param name="languages">Languages to ask; null asks every language each probe has. A probe without a requested language is not asked in it.</param>
    public static IReadOnlyList<PlannedAttempt> Build(string model, IEnumerable<Suite> suites, IReadOnlyList<string>? languages, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var plan = new List<PlannedAttempt>();
        foreach (var probe in suites.SelectMany(s => s.Probes))
        {
            var asked = languages is null ? probe.Text.Keys : languages.Where(probe.Text.ContainsKey);
            foreach (var language in asked)
                for (int sample = 0; sample < samples; sample++)
                    plan.Add(new PlannedAttempt(new AttemptKey(model, probe.Id, language, sample), probe, probe.Text[language]));
        }
        return plan;
    }
}
