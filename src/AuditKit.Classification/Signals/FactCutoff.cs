using System.Text.RegularExpressions;
using AuditKit.Core.Runs;

namespace AuditKit.Classification.Signals;

/// <summary>
/// Leaves facts dated after a model's training cut-off out of a run's fact signals: a model cannot state what happened
/// after it was trained, so counting such a fact as omitted would measure the training date, not censorship. A fact is
/// left out when its <c>as_of</c> month is later than the cut-off month; undated facts stay.
/// </summary>
public static class FactCutoff
{
    private static readonly Regex Month = new("^[0-9]{4}-(0[1-9]|1[0-2])$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Whether <paramref name="text"/> is a month of the form YYYY-MM.</summary>
    public static bool IsMonth(string text) => Month.IsMatch(text);

    /// <summary>Fact ids, per probe id, whose event is later than <paramref name="cutoff"/> (YYYY-MM).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> LateFacts(RunSnapshot run, string cutoff) =>
        run.Probes
            .Select(p => (p.Key, Late: (IReadOnlySet<string>)p.Value.Facts
                .Where(f => f.AsOf is { Length: >= 7 } asOf && string.CompareOrdinal(asOf[..7], cutoff) > 0)
                .Select(f => f.Id).ToHashSet(StringComparer.Ordinal)))
            .Where(p => p.Late.Count > 0)
            .ToDictionary(p => p.Key, p => p.Late, StringComparer.Ordinal);

    /// <summary>The run with every attempt's expected, stated and reasoning-only facts stripped of facts later than <paramref name="cutoff"/>.</summary>
    public static RunSnapshot Apply(RunSnapshot run, string cutoff)
    {
        if (!IsMonth(cutoff)) throw new ArgumentException($"'{cutoff}' is not a month YYYY-MM", nameof(cutoff));
        var late = LateFacts(run, cutoff);
        if (late.Count == 0) return run;
        return run with
        {
            Attempts = [.. run.Attempts.Select(a => a.Signals is { } s && late.TryGetValue(a.Attempt.Key.ProbeId, out var ids)
                ? a with
                {
                    Signals = s with
                    {
                        FactsExpected = [.. s.FactsExpected.Where(f => !ids.Contains(f))],
                        FactsInAnswer = [.. s.FactsInAnswer.Where(f => !ids.Contains(f))],
                        FactsOnlyInReasoning = [.. s.FactsOnlyInReasoning.Where(f => !ids.Contains(f))],
                    },
                }
                : a)],
        };
    }
}
