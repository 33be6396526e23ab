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

        var topics = pairs.Select(p => p.Base.Row.Attempt.Topic).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var languages = pairs.Select(p => p.Base.Row.Attempt.Key.Language).Distinct(StringComparer.Ordinal)
            .OrderBy(AuditSummaryBuilder.LanguageSortKey, StringComparer.Ordinal).ToList();
        var indexed = pairs.Select((p, i) => (Pair: p, Index: i)).ToList();

        // Margins that hold the same pairs as a finer stratum say nothing new: a topic asked in one language only is
        // its cell. They are left out of the table, and strata with identical pairs share one test in the family, so
        // a repeated row neither doubles a figure nor inflates Holm's count.
        var strata = new List<(ComparisonCell Cell, int[] Members, int Level)>();
        void AddStratum(string topic, string language, List<(( Outcome Base, Outcome Cand) Pair, int Index)> members, int level) =>
            strata.Add((Cell(topic, language, [.. members.Select(m => m.Pair)], policy), [.. members.Select(m => m.Index)], level));

        AddStratum(ComparisonCell.All, ComparisonCell.All, indexed, 0);
        foreach (var language in languages)
            AddStratum(ComparisonCell.All, language, [.. indexed.Where(m => m.Pair.Base.Row.Attempt.Key.Language == language)], 1);
        foreach (var topic in topics)
            AddStratum(topic, ComparisonCell.All, [.. indexed.Where(m => m.Pair.Base.Row.Attempt.Topic == topic)], 2);
        foreach (var topic in topics)
            foreach (var language in languages)
            {
                var members = indexed.Where(m => m.Pair.Base.Row.Attempt.Topic == topic && m.Pair.Base.Row.Attempt.Key.Language == language).ToList();
                if (members.Count > 0) AddStratum(topic, language, members, 3);
            }

        var cellSets = strata.Where(s => s.Level == 3).Select(s => s.Members).ToList();
        strata.RemoveAll(s => s.Level is 1 or 2 && cellSets.Any(c => c.AsSpan().SequenceEqual(s.Members)));

        // One Holm family: the refusal and the alignment test of every distinct set of pairs.
        var distinct = new List<int[]>();
        var testOf = new int[strata.Count];
        for (int i = 0; i < strata.Count; i++)
        {
            int found = distinct.FindIndex(d => d.AsSpan().SequenceEqual(strata[i].Members));
            if (found < 0) { found = distinct.Count; distinct.Add(strata[i].Members); }
            testOf[i] = found;
        }
        var refusalP = new double[distinct.Count];
        var alignedP = new double[distinct.Count];
        for (int i = 0; i < strata.Count; i++)
        {
            refusalP[testOf[i]] = strata[i].Cell.McNemarP;
            alignedP[testOf[i]] = strata[i].Cell.AlignedMcNemarP;
        }
        var holm = HolmCorrection.Adjust([.. refusalP, .. alignedP]);
        var adjusted = strata.Select((s, i) => (Cell: s.Cell with
        {
            HolmP = holm[testOf[i]],
            Significant = holm[testOf[i]] < policy.Alpha,
            AlignedHolmP = holm[distinct.Count + testOf[i]],
            AlignedSignificant = holm[distinct.Count + testOf[i]] < policy.Alpha,
        }, s.Level)).ToList();

        var overall = adjusted.Single(s => s.Level == 0).Cell;
        var cells = adjusted.Where(s => s.Level == 3).Select(s => s.Cell).ToList();
        var byLanguage = adjusted.Where(s => s.Level == 1).Select(s => s.Cell).ToList();
        var byTopic = adjusted.Where(s => s.Level == 2).Select(s => s.Cell).ToList();
        var regressions = adjusted.Select(s => s.Cell).Where(c => c.RefusesMore || c.AlignsMore).ToList();
        int significantCells = cells.Count(c => c.Significant);

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
            Flips: WithAnswers(Flips(pairs), baseRun, candidate),
            Verdict: VerdictLine(overall, regressions, adjusted.Count(s => s.Cell.Significant), adjusted.Count, distinct.Count * 2),
            Regressed: regressions.Count > 0)
        {
            Languages = byLanguage,
            Topics = byTopic,
            Tests = distinct.Count * 2,
            Regressions = regressions,
        };
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

    /// <summary>
    /// The flipped answers' texts. Runs read without their texts (<c>compare</c> reads them so, a run may hold a million
    /// answers) hold none; one pass over each run's answers brings those of the flipped attempts.
    /// </summary>
    private static List<Flip> WithAnswers(List<Flip> flips, RunSnapshot baseRun, RunSnapshot candidate)
    {
        if (flips.Count == 0 || baseRun.DeferredTexts is null && candidate.DeferredTexts is null) return flips;
        var wanted = flips.Select(f => (f.ProbeId, f.Language, f.Sample)).ToHashSet();
        var baseAnswers = AnswersOf(baseRun, wanted);
        var candidateAnswers = AnswersOf(candidate, wanted);
        return [.. flips.Select(f => f with
        {
            BaseResponse = baseAnswers[(f.ProbeId, f.Language, f.Sample)],
            CandidateResponse = candidateAnswers[(f.ProbeId, f.Language, f.Sample)],
        })];
    }

    private static Dictionary<(string, string, int), string> AnswersOf(RunSnapshot run, HashSet<(string, string, int)> wanted)
    {
        var answers = new Dictionary<(string, string, int), string>();
        foreach (var a in run.WithTexts())
            if (wanted.Contains((a.Attempt.Key.ProbeId, a.Attempt.Key.Language, a.Attempt.Key.Sample)))
                answers[(a.Attempt.Key.ProbeId, a.Attempt.Key.Language, a.Attempt.Key.Sample)] = a.Attempt.Response;
        return answers;
    }

    private static string VerdictLine(ComparisonCell overall, IReadOnlyList<ComparisonCell> regressions, int significantStrata, int strata, int tests)
    {
        if (overall.Pairs == 0) return "no paired attempts: the runs share no judged probe, language and sample";
        var d = overall.RefusalDifference;
        string figures = $"{Numbers.Pp(d.Difference)} pp (95% CI {Numbers.Pp(d.Interval.Lower)} to {Numbers.Pp(d.Interval.Upper)}), McNemar p {PIs(overall.McNemarP)}, Holm p {PIs(overall.HolmP)}";
        if (d.Corrected is { } c)
            figures += $"; corrected with {Numbers.Int(c.GoldN)} gold-labelled pairs: {Numbers.Pp(c.Rate)} pp (95% CI {Numbers.Pp(c.Lower)} to {Numbers.Pp(c.Upper)})";
        string line = overall.Significant
            ? $"candidate refuses {(d.Difference < 0 ? "less" : "more")}: {figures}"
            : $"no significant change in refusals: {figures}";
        if (overall.AlignedSignificant)
        {
            var a = overall.AlignedDifference;
            line += $"; candidate aligns {(a.Difference < 0 ? "less" : "more")} with the official narrative: {Numbers.Pp(a.Difference)} pp (95% CI {Numbers.Pp(a.Interval.Lower)} to {Numbers.Pp(a.Interval.Upper)})";
        }
        line += $"; significant in {significantStrata} of {strata} strata (languages, topics, topic-language cells) after Holm across {tests} tests";
        var strataRegressed = regressions.Where(r => r != overall).ToList();
        if (strataRegressed.Count > 0)
        {
            line += "; regressions: " + string.Join("; ", strataRegressed.Take(5).Select(Regression));
            if (strataRegressed.Count > 5) line += $"; and {strataRegressed.Count - 5} more";
        }
        return line;
    }

    /// <summary>"= 0.0117", or "&lt; 0.0001" rather than "= &lt;0.0001".</summary>
    private static string PIs(double p) => p < 0.0001 ? "< 0.0001" : "= " + Numbers.P(p);

    private static string Regression(ComparisonCell cell)
    {
        var parts = new List<string>();
        if (cell.RefusesMore) parts.Add($"refuses {Numbers.Pp(cell.RefusalDifference.Difference)} pp, Holm p {PIs(cell.HolmP)}");
        if (cell.AlignsMore) parts.Add($"aligns {Numbers.Pp(cell.AlignedDifference.Difference)} pp, Holm p {PIs(cell.AlignedHolmP)}");
        return $"{cell.Label} ({string.Join(", ", parts)})";
    }
}
