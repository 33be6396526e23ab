using AuditKit.Core.Runs;
using AuditKit.Reporting.Correction;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Comparisons;

/// <summary>Pairs a base and a candidate run and tests what changed. Pure: same runs and policy, same result.</summary>
public static class RunComparer
{
    private readonly record struct Outcome(AttemptRow Row, bool Refused, bool Aligned);

    public static ComparisonResult Compare(RunSnapshot baseRun, RunSnapshot candidate, ReportPolicy policy, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(baseRun);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(policy);
        RequireOneModel(baseRun, nameof(baseRun));
        RequireOneModel(candidate, nameof(candidate));
        var baseOutcomes = Outcomes(baseRun, policy);
        var candOutcomes = Outcomes(candidate, policy);

        var pairs = new List<(Outcome Base, Outcome Cand)>();
        foreach (var (key, b) in baseOutcomes)
            if (candOutcomes.TryGetValue(key, out var c)) pairs.Add((b, c));
        pairs.Sort((x, y) => string.CompareOrdinal(Key(x.Base), Key(y.Base)));

        var groups = pairs.GroupBy(p => (p.Base.Row.Attempt.Topic, p.Base.Row.Attempt.Key.Language))
            .OrderBy(g => g.Key.Topic, StringComparer.Ordinal).ThenBy(g => AuditSummaryBuilder.LanguageSortKey(g.Key.Language), StringComparer.Ordinal)
            .ToList();
        var raw = groups.Select(g => Cell(g.Key.Topic, g.Key.Language, g.ToList(), policy)).ToList();
        var holm = HolmCorrection.Adjust(raw.Select(c => c.McNemarP).ToList());
        var cells = raw.Select((c, i) => c with { HolmP = holm[i], Significant = holm[i] < policy.Alpha }).ToList();

        var overall = Cell("all", "all", pairs, policy);
        overall = overall with { HolmP = overall.McNemarP, Significant = overall.McNemarP < policy.Alpha };
        int significantCells = cells.Count(c => c.Significant);

        bool refusesMore = overall.Significant && overall.AnsweredToRefused > overall.RefusedToAnswered;
        bool alignsMore = overall.AlignedMcNemarP < policy.Alpha && overall.NotAlignedToAligned > overall.AlignedToNotAligned;

        return new ComparisonResult(
            Title: $"{ModelName(baseRun)} vs {ModelName(candidate)}",
            GeneratedAt: generatedAt,
            IsSmokeTest: baseRun.Manifest.IsSmokeTest || candidate.Manifest.IsSmokeTest,
            Policy: policy,
            Base: new RunMethod(baseRun.Manifest.RunId, baseRun.Manifest, baseRun.Classifier, baseRun.Attempts.Count),
            Candidate: new RunMethod(candidate.Manifest.RunId, candidate.Manifest, candidate.Classifier, candidate.Attempts.Count),
            UnpairedBase: baseOutcomes.Count - pairs.Count,
            UnpairedCandidate: candOutcomes.Count - pairs.Count,
            Overall: overall,
            Cells: cells,
            SignificantCells: significantCells,
            Flips: Flips(pairs),
            Verdict: VerdictLine(overall, significantCells, cells.Count, policy),
            Regressed: refusesMore || alignsMore);
    }

    // Attempts pair by probe, language and sample; a second model in one run would overwrite the first's attempts.
    private static void RequireOneModel(RunSnapshot run, string parameter)
    {
        if (run.Attempts.Select(a => a.Attempt.Key.Model).Distinct(StringComparer.Ordinal).Skip(1).Any())
            throw new ArgumentException($"run '{run.Directory}' holds more than one model; compare one model's attempts at a time", parameter);
    }

    private static string ModelName(RunSnapshot run) => run.Attempts.Count > 0 ? run.Attempts[0].Attempt.Key.Model : run.Manifest.Model.Name;

    private static Dictionary<(string Probe, string Language, int Sample), Outcome> Outcomes(RunSnapshot run, ReportPolicy policy)
    {
        var result = new Dictionary<(string, string, int), Outcome>();
        var gold = policy.Gold.LabelsOf(run);
        foreach (var a in run.Attempts)
        {
            var row = new AttemptRow(run.Manifest.RunId, a.Attempt, a.Verdict, a.Signals) { Judge = a.Judge, Gold = gold.GetValueOrDefault(a) };
            if (AuditSummaryBuilder.StatusOf(row) != AttemptStatus.Judged) continue;
            result[(a.Attempt.Key.ProbeId, a.Attempt.Key.Language, a.Attempt.Key.Sample)] =
                new Outcome(row, policy.IsRefusal(a.Verdict!.Compliance), policy.IsAligned(a.Verdict.Narrative));
        }
        return result;
    }

    private static string Key(Outcome o) => $"{o.Row.Attempt.Topic}\u0001{o.Row.Attempt.Key.ProbeId}\u0001{AuditSummaryBuilder.LanguageSortKey(o.Row.Attempt.Key.Language)}\u0001{o.Row.Attempt.Key.Sample:D6}";

    private static ComparisonCell Cell(string topic, string language, IReadOnlyList<(Outcome Base, Outcome Cand)> pairs, ReportPolicy policy)
    {
        int ra = 0, rb = 0, rc = 0, rd = 0; // refusal: both, base only, candidate only, neither
        int aa = 0, ab = 0, ac = 0, ad = 0; // alignment, same layout
        foreach (var (b, c) in pairs)
        {
            if (b.Refused && c.Refused) ra++; else if (b.Refused) rb++; else if (c.Refused) rc++; else rd++;
            if (b.Aligned && c.Aligned) aa++; else if (b.Aligned) ab++; else if (c.Aligned) ac++; else ad++;
        }
        int n = pairs.Count;
        // PairedDifference gives first minus second; candidate is "first" so that negative = candidate refuses less.
        var candidateFirst = pairs.Select(p => (p.Cand.Row, p.Base.Row)).ToList();
        AttemptRow[] baseRows = [.. pairs.Select(p => p.Base.Row)], candidateRows = [.. pairs.Select(p => p.Cand.Row)];
        var refused = policy.RefusalMeasure();
        var aligned = policy.AlignedMeasure();
        return new ComparisonCell(topic, language, n,
            RefusedToAnswered: rb, AnsweredToRefused: rc, AlignedToNotAligned: ab, NotAlignedToAligned: ac,
            BaseRefusal: CorrectedRates.Rate(baseRows, refused, policy.Z), CandidateRefusal: CorrectedRates.Rate(candidateRows, refused, policy.Z),
            RefusalDifference: PairedDifference.Compute(ra, rc, rb, rd, policy.Z) with { Corrected = CorrectedRates.PairedDifference(candidateFirst, refused, policy.Z) },
            McNemarP: McNemarExactTest.TwoSidedP(rb, rc), HolmP: 1, Significant: false,
            BaseAligned: CorrectedRates.Rate(baseRows, aligned, policy.Z), CandidateAligned: CorrectedRates.Rate(candidateRows, aligned, policy.Z),
            AlignedDifference: PairedDifference.Compute(aa, ac, ab, ad, policy.Z) with { Corrected = CorrectedRates.PairedDifference(candidateFirst, aligned, policy.Z) },
            AlignedMcNemarP: McNemarExactTest.TwoSidedP(ab, ac));
    }

    private static List<Flip> Flips(IReadOnlyList<(Outcome Base, Outcome Cand)> pairs)
    {
        var flips = new List<Flip>();
        foreach (var (b, c) in pairs)
        {
            var changes = new List<string>();
            if (b.Refused && !c.Refused) changes.Add("refused->answered");
            if (!b.Refused && c.Refused) changes.Add("answered->refused");
            if (b.Aligned && !c.Aligned) changes.Add("aligned->not aligned");
            if (!b.Aligned && c.Aligned) changes.Add("not aligned->aligned");
            if (changes.Count == 0) continue;
            var ba = b.Row.Attempt;
            flips.Add(new Flip(ba.Key.ProbeId, ba.Topic, ba.Kind, ba.Key.Language, ba.Key.Sample, changes, ba.Prompt,
                LabelNames.Of(b.Row.Verdict!.Compliance), LabelNames.Of(b.Row.Verdict.Narrative), ba.Response,
                LabelNames.Of(c.Row.Verdict!.Compliance), LabelNames.Of(c.Row.Verdict.Narrative), c.Row.Attempt.Response));
        }
        return flips;
    }

    private static string VerdictLine(ComparisonCell overall, int significantCells, int cells, ReportPolicy policy)
    {
        if (overall.Pairs == 0) return "no paired attempts: the runs share no judged probe, language and sample";
        var d = overall.RefusalDifference;
        string figures = $"{Numbers.Pp(d.Difference)} pp (95% CI {Numbers.Pp(d.Interval.Lower)} to {Numbers.Pp(d.Interval.Upper)}), McNemar p = {Numbers.P(overall.McNemarP)}";
        if (d.Corrected is { } c)
            figures += $"; corrected with {Numbers.Int(c.GoldN)} gold-labelled pairs: {Numbers.Pp(c.Rate)} pp (95% CI {Numbers.Pp(c.Lower)} to {Numbers.Pp(c.Upper)})";
        string topics = $"significant in {significantCells} of {cells} topic-language cells after Holm";
        string line = overall.McNemarP < policy.Alpha
            ? $"candidate refuses {(d.Difference < 0 ? "less" : "more")}: {figures}; {topics}"
            : $"no significant change in refusals: {figures}; {topics}";
        if (overall.AlignedMcNemarP < policy.Alpha)
        {
            var a = overall.AlignedDifference;
            line += $"; candidate aligns {(a.Difference < 0 ? "less" : "more")} with the official narrative: {Numbers.Pp(a.Difference)} pp (95% CI {Numbers.Pp(a.Interval.Lower)} to {Numbers.Pp(a.Interval.Upper)})";
        }
        return line;
    }
}
