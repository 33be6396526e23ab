using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// Two prompts in one language that differ by a word or two inflate n without adding evidence. Compares character
/// bigram sets (works for Chinese and Hindi, which have no reliable word boundaries) with the Dice coefficient.
/// A sensitive probe and the control it pairs with are exempt: sharing the template is their purpose.
/// </summary>
public sealed class NearDuplicateTextValidator(double threshold) : ISuiteValidator
{
    public const double DefaultThreshold = 0.9;

    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        var entries = suites
            .SelectMany(s => s.Suite.Probes.SelectMany(p => p.Text.Select(t => (Suite: s, Probe: p, Language: t.Key, Bigrams: Bigrams(t.Value)))))
            .GroupBy(e => e.Language);
        foreach (var language in entries)
        {
            var list = language.ToList();
            for (int i = 0; i < list.Count; i++)
                for (int j = i + 1; j < list.Count; j++)
                {
                    if (Paired(list[i].Probe, list[j].Probe)) continue;
                    double similarity = Dice(list[i].Bigrams, list[j].Bigrams);
                    if (similarity >= threshold)
                        yield return new SuiteIssue(list[j].Suite.LineOf(list[j].Probe.Id), list[j].Probe.Id,
                            $"'{language.Key}' text is a near-duplicate of probe '{list[i].Probe.Id}' ({similarity:P0} similar)");
                }
        }
    }

    private static bool Paired(Probe a, Probe b) => a.PairsWith == b.Id || b.PairsWith == a.Id;

    private static int[] Bigrams(string text)
    {
        var normalized = new string(text.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).ToArray());
        var set = new HashSet<int>();
        for (int i = 0; i + 1 < normalized.Length; i++)
            set.Add(normalized[i] << 16 | normalized[i + 1]);
        var result = set.ToArray();
        Array.Sort(result);
        return result;
    }

    private static double Dice(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return 2.0 * shared / (a.Length + b.Length);
    }
}
