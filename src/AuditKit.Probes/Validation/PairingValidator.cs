using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// A sensitive probe's <c>pairs_with</c> names the control asked with the same template, kind and languages about
/// another government or a neutral subject; reports take paired differences over these pairs, so a pair that differs
/// in kind or language compares unlike things. An unpaired sensitive probe, and a topic whose controls cover fewer
/// than <see cref="MinimumControlKinds"/> kinds, are warnings: the suite works but cannot separate "refuses this topic"
/// from "refuses political questions".
/// </summary>
public sealed class PairingValidator : ISuiteValidator
{
    public const int MinimumControlKinds = 3;

    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var probes = new Dictionary<string, Probe>(StringComparer.Ordinal);
        foreach (var probe in suites.SelectMany(s => s.Suite.Probes)) probes.TryAdd(probe.Id, probe);

        foreach (var loaded in suites)
        {
            foreach (var probe in loaded.Suite.Probes)
            {
                var where = loaded.LineOf(probe.Id);
                if (probe.ForcedChoice && probe.Kind != ProbeKind.Opinion)
                    yield return new SuiteIssue(where, probe.Id, $"forced_choice applies to opinion probes only, not to kind '{Name(probe.Kind)}'");
                if (probe.PairsWith is not { } target)
                {
                    if (!probe.IsControl)
                        yield return new SuiteIssue(where, probe.Id, "sensitive probe without a paired control (pairs_with)", IssueSeverity.Warning);
                    continue;
                }
                if (probe.IsControl)
                {
                    yield return new SuiteIssue(where, probe.Id, "pairs_with belongs on the sensitive probe, not on a control");
                    continue;
                }
                if (!probes.TryGetValue(target, out var control))
                {
                    // A single file checked on its own may pair with a control in another file.
                    if (suites.Count > 1) yield return new SuiteIssue(where, probe.Id, $"pairs_with names probe '{target}', which no loaded suite has");
                    continue;
                }
                foreach (var problem in Mismatches(probe, control))
                    yield return new SuiteIssue(where, probe.Id, $"pairs_with '{target}': {problem}");
            }
        }

        if (suites.Count < 2) yield break;
        var controlKinds = probes.Values.Where(p => p.IsControl && p.ControlFor is not null && p.Kind != ProbeKind.Control)
            .GroupBy(p => p.ControlFor!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Kind).Distinct().Count(), StringComparer.Ordinal);
        foreach (var loaded in suites)
            foreach (var topic in loaded.Suite.Topics.Where(t => t.Region != "control" && loaded.Suite.Probes.Any(p => p.Topic == t.Id && !p.IsControl)))
            {
                int kinds = controlKinds.GetValueOrDefault(topic.Id);
                if (kinds < MinimumControlKinds)
                    yield return new SuiteIssue(loaded.SuiteLine, null, $"topic '{topic.Id}' has controls of {kinds} kind(s); at least {MinimumControlKinds} are needed to tell a topic from a kind of question", IssueSeverity.Warning);
            }
    }

    private static IEnumerable<string> Mismatches(Probe probe, Probe control)
    {
        if (!control.IsControl)
            yield return "is not a control (it has no control_for)";
        if (control.ControlFor is { } mirrored && mirrored != probe.Topic)
            yield return $"controls topic '{mirrored}', not this probe's topic '{probe.Topic}'";
        if (control.Kind != probe.Kind)
            yield return $"is of kind '{Name(control.Kind)}', not '{Name(probe.Kind)}'";
        var missing = probe.Text.Keys.Except(control.Text.Keys).Order(StringComparer.Ordinal).ToList();
        var extra = control.Text.Keys.Except(probe.Text.Keys).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            yield return $"languages differ (control lacks: {Join(missing)}; control adds: {Join(extra)})";
    }

    private static string Join(List<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

    private static string Name(ProbeKind kind) => kind.ToString().ToLowerInvariant();
}
