using AuditKit.Core.Runs;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Finds one model answering the same probe, language and sample in two runs of one report. Its answers would be
/// counted twice as if independent, narrowing every interval, so such a report is refused rather than pooled; runs of
/// one model that do not overlap (another language, another suite) pool honestly.
/// </summary>
public static class RunOverlap
{
    /// <summary>One line naming the model, both runs and an example attempt; null when no attempt appears twice.</summary>
    public static string? Describe(IReadOnlyList<RunSnapshot> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var seen = new Dictionary<(string Model, string Probe, string Language, int Sample), RunSnapshot>();
        foreach (var run in runs)
            foreach (var key in run.Attempts.Select(a => a.Attempt.Key).Distinct())
            {
                var k = (key.Model, key.ProbeId, key.Language, key.Sample);
                if (seen.TryGetValue(k, out var first) && first.Manifest.RunId != run.Manifest.RunId)
                    return $"model '{key.Model}' answers the same probes in run {first.Manifest.RunId} ({first.Directory}) and run {run.Manifest.RunId} ({run.Directory}), " +
                           $"e.g. {key.ProbeId} in {key.Language}: its answers would be counted twice and its intervals drawn too narrow; report one of the runs, or compare them with auditkit compare";
                seen.TryAdd(k, run);
            }
        return null;
    }
}
