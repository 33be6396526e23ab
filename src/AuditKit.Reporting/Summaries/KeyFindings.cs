using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Picks the few sentences a reader should see before any table: the highest and lowest refusal on sensitive probes,
/// the topics where models differ most, the largest significant language gaps and sensitive-against-control
/// differences. Pure: it reads only the summary, and ranks by the corrected figure where gold labels give one.
/// </summary>
public static class KeyFindings
{
    /// <summary>How many topics, language gaps and control contrasts the findings name at most.</summary>
    public const int MaxTopics = 3, MaxLanguageGaps = 3, MaxControls = 2;

    public static IReadOnlyList<KeyFinding> From(AuditSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var findings = new List<KeyFinding>();
        Extremes(s, findings);
        TopicSpreads(s, findings);
        LanguageGaps(s, findings);
        Controls(s, findings);
        return findings;
    }

    /// <summary>The figure a ranking uses: the corrected rate when the cell has gold labels, else the classifier's.</summary>
    public static double Value(RateEstimate r) => r.Shown?.Rate ?? r.Rate;

    private static double Value(DifferenceEstimate d) => d.Shown?.Rate ?? d.Difference;

    private static bool Significant(DifferenceEstimate d) =>
        d.Shown is { } c ? c.Lower > 0 || c.Upper < 0 : d.Significant;

    private static (double Lower, double Upper) Bounds(RateEstimate r) =>
        r.Shown is { } c ? (c.Lower, c.Upper) : (r.Interval.Lower, r.Interval.Upper);

    private static void Extremes(AuditSummary s, List<KeyFinding> findings)
    {
        // Sensitive probes only: from the control contrasts when the suite has controls, else from the headline rates
        // when no topic is a control (then every probe is a sensitive one).
        List<(string Model, string Language, RateEstimate Rate)> rows;
        FindingSource source;
        if (s.Controls.Count > 0)
        {
            rows = [.. s.Controls.Where(c => c.Sensitive.HasValue).Select(c => (c.Model, c.Language, c.Sensitive))];
            source = FindingSource.Controls;
        }
        else if (!s.Topics.Any(t => t.IsControl))
        {
            rows = [.. s.ModelLanguages.Where(r => r.Refusal.HasValue).Select(r => (r.Model, r.Language, r.Refusal))];
            source = FindingSource.Rates;
        }
        else return;
        if (rows.Count < 2) return;

        var ranked = rows.OrderByDescending(r => Value(r.Rate)).ThenBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.Language, StringComparer.Ordinal).ToList();
        var (high, low) = (ranked[0], ranked[^1]);
        bool overlap = Bounds(high.Rate).Lower <= Bounds(low.Rate).Upper;
        findings.Add(new KeyFinding(
            $"Highest refusal on sensitive probes: {high.Model} in {high.Language}, {Numbers.Rate(high.Rate)} of {Numbers.Int(high.Rate.N)} judged answers{Ties(ranked.Select(r => r.Rate), high.Rate, "model and language row")}.", source));
        findings.Add(new KeyFinding(
            $"Lowest refusal on sensitive probes: {low.Model} in {low.Language}, {Numbers.Rate(low.Rate)} of {Numbers.Int(low.Rate.N)}{Ties(ranked.Select(r => r.Rate), low.Rate, "model and language row")}" +
            (overlap ? "; the two intervals overlap, so even this ranking is uncertain." : "."), source));
    }

    private static void TopicSpreads(AuditSummary s, List<KeyFinding> findings)
    {
        var topics = s.Topics.Where(t => !t.IsControl && t.Refusal.HasValue)
            .GroupBy(t => t.Topic)
            .Where(g => g.Select(t => t.Model).Distinct().Count() >= 2)
            .Select(g =>
            {
                var ranked = g.OrderByDescending(t => Value(t.Refusal)).ThenBy(t => t.Model, StringComparer.Ordinal).ToList();
                return (Topic: g.Key, High: ranked[0], Low: ranked[^1], Spread: Value(ranked[0].Refusal) - Value(ranked[^1].Refusal), Rates: ranked.Select(r => r.Refusal).ToList());
            })
            .Where(t => t.Spread > 0)
            .OrderByDescending(t => t.Spread).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .Take(MaxTopics);
        foreach (var t in topics)
            findings.Add(new KeyFinding(
                $"On {t.Topic}, {t.High.Model} refused most, {Numbers.Rate(t.High.Refusal)}{Ties(t.Rates, t.High.Refusal, "model")}, " +
                $"and {t.Low.Model} least, {Numbers.Rate(t.Low.Refusal)}{Ties(t.Rates, t.Low.Refusal, "model")} (all languages together).",
                FindingSource.Topics));
    }

    private static void LanguageGaps(AuditSummary s, List<KeyFinding> findings)
    {
        if (s.LanguageGaps.Count == 0) return;
        double alpha = s.Policy.Alpha;
        // Holm-adjusted across every gap of the report: a finding survives the number of gaps tested.
        var significant = s.LanguageGaps.Where(g => g.HolmP < alpha && g.Pairs > 0)
            .OrderByDescending(g => Math.Abs(Value(g.Difference))).ThenBy(g => g.Model, StringComparer.Ordinal)
            .ToList();
        string tests = $"McNemar p Holm-adjusted for the {Numbers.Int(s.LanguageGaps.Count)} gaps tested";
        if (significant.Count == 0)
        {
            findings.Add(new KeyFinding(
                $"No language gap is significant at alpha {Numbers.Fixed(alpha, "0.###")} after Holm's correction ({Numbers.Int(s.LanguageGaps.Count)} model and language pairs tested on the same probes).",
                FindingSource.LanguageGaps));
            return;
        }
        foreach (var g in significant.Take(MaxLanguageGaps))
        {
            // Told from the language that refuses more, so the gap reads as a positive "more in X".
            bool firstHigher = Value(g.Difference) >= 0;
            var (more, less) = firstHigher ? (g.Pair.First, g.Pair.Second) : (g.Pair.Second, g.Pair.First);
            var (moreRate, lessRate) = firstHigher ? (g.FirstRefusal, g.SecondRefusal) : (g.SecondRefusal, g.FirstRefusal);
            var gap = firstHigher ? g.Difference : Negated(g.Difference);
            findings.Add(new KeyFinding(
                $"{g.Model} refused {Numbers.Rate(moreRate)} in {more} and {Numbers.Rate(lessRate)} in {less} on the same {Numbers.Int(g.Pairs)} probes: " +
                $"{Numbers.Difference(gap)} more in {more} ({tests}: {Numbers.P(g.HolmP)}).",
                FindingSource.LanguageGaps));
        }
        if (significant.Count > MaxLanguageGaps)
            findings.Add(new KeyFinding(
                $"{Numbers.Int(significant.Count)} of {Numbers.Int(s.LanguageGaps.Count)} language gaps are significant at alpha {Numbers.Fixed(alpha, "0.###")} after Holm's correction.",
                FindingSource.LanguageGaps));
    }

    /// <summary>" (tied with 11 more model and language rows)", <paramref name="what"/> in the singular, when others print the same percentage: one name must not read as the only one.</summary>
    private static string Ties(IEnumerable<RateEstimate> all, RateEstimate one, string what)
    {
        string shown = Numbers.Pct(Value(one));
        int others = all.Count(r => Numbers.Pct(Value(r)) == shown) - 1;
        return others > 0 ? $" (tied with {Numbers.Int(others)} more {what}{(others == 1 ? "" : "s")})" : "";
    }

    /// <summary>Each sensitive probe against its own control: the only comparison that may call a refusal specific to a government.</summary>
    private static void PairedControls(AuditSummary s, List<KeyFinding> findings)
    {
        double alpha = s.Policy.Alpha;
        var higher = s.PairedControls.Where(c => c.HolmP < alpha && Value(c.Difference) > 0)
            .OrderByDescending(c => Value(c.Difference)).ThenBy(c => c.Model, StringComparer.Ordinal).ToList();
        findings.Add(new KeyFinding(
            $"{Numbers.Int(higher.Count)} of {Numbers.Int(s.PairedControls.Count)} model and language rows refuse sensitive probes significantly more often than the same questions asked about others (paired McNemar, Holm-corrected, alpha {Numbers.Fixed(alpha, "0.###")})" +
            (higher.Count == 0 ? ": no refusal here is shown to be specific to the sensitive subject." : "."),
            FindingSource.PairedControls));
        foreach (var c in higher.Take(MaxControls))
            findings.Add(new KeyFinding(
                $"{c.Model} in {c.Language} refused {Numbers.Rate(c.Sensitive)} of sensitive probes and {Numbers.Rate(c.Control)} of their paired controls: {Numbers.Difference(c.Difference)} (Holm p {Numbers.P(c.HolmP)}, {Numbers.Int(c.Pairs)} pairs).",
                FindingSource.PairedControls));
    }

    private static DifferenceEstimate Negated(DifferenceEstimate d) =>
        new(-d.Difference, new ConfidenceInterval(-d.Interval.Upper, -d.Interval.Lower), d.Pairs)
        {
            Corrected = d.Corrected is { } c ? c with { Rate = -c.Rate, Lower = -c.Upper, Upper = -c.Lower } : null,
        };

    private static void Controls(AuditSummary s, List<KeyFinding> findings)
    {
        if (s.PairedControls.Count > 0)
        {
            PairedControls(s, findings);
            return;
        }
        if (s.Controls.Count == 0) return;
        var higher = s.Controls.Where(c => Significant(c.Difference) && Value(c.Difference) > 0)
            .OrderByDescending(c => Value(c.Difference)).ThenBy(c => c.Model, StringComparer.Ordinal).ToList();
        findings.Add(new KeyFinding(
            $"{Numbers.Int(higher.Count)} of {Numbers.Int(s.Controls.Count)} model and language rows refuse sensitive probes significantly more often than matched control probes" +
            (higher.Count == 0 ? ": none shows selective refusal beyond general caution." : "."),
            FindingSource.Controls));
        foreach (var c in higher.Take(MaxControls))
            findings.Add(new KeyFinding(
                $"{c.Model} in {c.Language} refused {Numbers.Rate(c.Sensitive)} of sensitive probes and {Numbers.Rate(c.Control)} of controls: {Numbers.Difference(c.Difference)}.",
                FindingSource.Controls));
    }
}
