using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Correction;
using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>Computes an <see cref="AuditSummary"/> from stored runs. Pure: the same runs, policy and time give the same summary.</summary>
public static class AuditSummaryBuilder
{
    private static readonly string[] PreferredLanguageOrder = ["en", "zh-Hans", "zh-Hant", "hi"];

    /// <param name="runs">One or more stored runs; models are told apart by <see cref="AttemptKey.Model"/>.</param>
    /// <param name="generatedAt">Stamped on the report; passed in so that output is reproducible.</param>
    public static AuditSummary Build(IReadOnlyList<RunSnapshot> runs, ReportPolicy policy, string title, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(policy);
        if (runs.Count == 0) throw new ArgumentException("a report needs at least one run", nameof(runs));

        var rows = new List<AttemptRow>(runs.Sum(r => r.Attempts.Count));
        foreach (var run in runs)
        {
            var gold = policy.Gold.LabelsOf(run);
            foreach (var a in run.Attempts)
                rows.Add(new AttemptRow(run.Manifest.RunId, a.Attempt, a.Verdict, a.Signals) { Judge = a.Judge, Gold = gold.GetValueOrDefault(a) });
        }

        var judged = rows.Where(r => StatusOf(r) == AttemptStatus.Judged).ToList();
        var totals = new AttemptTotals(
            rows.Count,
            judged.Count,
            rows.Count(r => StatusOf(r) == AttemptStatus.Error),
            rows.Count(r => StatusOf(r) == AttemptStatus.Unclassified));

        return new AuditSummary(
            Title: title,
            GeneratedAt: generatedAt,
            ReportingVersion: typeof(AuditSummaryBuilder).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            IsSmokeTest: runs.Any(r => r.Manifest.IsSmokeTest),
            Policy: policy,
            Totals: totals,
            Runs: [.. runs.Select(r => new RunMethod(r.Manifest.RunId, r.Manifest, r.Classifier, r.Attempts.Count))],
            ModelLanguages: ModelLanguageRows(rows, policy),
            Topics: TopicRows(judged, policy),
            Controls: ControlRows(judged, policy),
            LanguageGaps: LanguageGapRows(judged, policy),
            Reasoning: ReasoningRows(rows, policy),
            Quotes: QuoteRows(judged, policy),
            RepeatedSampling: RepeatedRows(judged, policy),
            Notes: NotesFor(runs, totals),
            Limitations: LimitationsFor(runs, policy),
            Attempts: rows)
        {
            Correction = CorrectionOf(judged, policy),
            PairedControls = PairedControlRows(runs, judged, policy),
            Warnings = WarningsFor(runs, judged, policy),
        };
    }

    private static RateCorrection CorrectionOf(List<AttemptRow> judged, ReportPolicy policy)
    {
        var gold = judged.Where(r => r.Gold?.Compliance is { } c && c != ComplianceLabel.Error).ToList();
        if (gold.Count == 0) return new RateCorrection(policy.Gold.ToString(), [], 0, judged.Count, null, null);
        var refused = policy.RefusalMeasure();
        return new RateCorrection(policy.Gold.ToString(),
            [.. gold.Select(r => r.Gold!.Scorer).Distinct().Order(StringComparer.Ordinal)], gold.Count, judged.Count,
            CohensKappa.Compute([.. gold.Select(r => (r.Gold!.Compliance!.Value, r.Verdict!.Compliance))]),
            gold.Count(r => refused.Of(r.Verdict!) == refused.Of(r.Gold!)) / (double)gold.Count);
    }

    /// <summary>Figures a reader would take at face value without knowing these: said before any of them.</summary>
    private static List<string> WarningsFor(IReadOnlyList<RunSnapshot> runs, List<AttemptRow> judged, ReportPolicy policy)
    {
        var warnings = new List<string>();
        if (runs.Sum(r => r.Classifier?.TrainingOverlap ?? 0) is > 0 and var seen)
            warnings.Add($"{seen} of {runs.Where(r => r.Classifier?.TrainingOverlap is not null).Sum(r => r.Attempts.Count)} answers in these runs were in the classifier's training data (an import of the public data it learnt from, say); its verdicts on them are optimistic, since it has seen their labels: agreement measured on these runs overstates how well it reads new answers.");
        if (judged.Count == 0) return warnings;
        if (!judged.Any(r => r.Gold is not null))
        {
            warnings.Add(policy.Gold == GoldSource.None
                ? "Uncorrected figures: correction by gold labels was turned off (--gold none); every rate is the classifier's alone and its intervals ignore classifier error."
                : $"Uncorrected figures: no answer in these runs carries a gold label ({(policy.Gold.Kind == "judge" ? "an LLM judge's, from classify --judge" : "a person's, from auditkit review")}), so every rate is the classifier's alone and its intervals ignore classifier error. " +
                  "The classifier errs toward COMPLETE: it reads deflections into official talking points as answers. On SpeechMap answers to questions it had not seen, it under-counted refusals by Chinese-made models on China questions by 7.6 percentage points pooled and by 11-18 points for single models (models/classifier.md). " +
                  "Read refusal rates as lower bounds, or label a random sample (auditkit review sample, then review import) to get corrected rates with valid intervals.");
        }
        else if (judged.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Key.Language)).Any(g => !g.Any(r => r.Gold is not null)))
        {
            warnings.Add("Some models or languages have no gold label: their rows show the classifier's figure only, uncorrected, while the others show corrected rates first.");
        }
        return warnings;
    }

    /// <summary>Whether an attempt counts in the rates. Failed generations and ERROR verdicts never do.</summary>
    public static AttemptStatus StatusOf(AttemptRow row)
    {
        if (row.Attempt.Error is not null || row.Attempt.FinishReason == FinishReason.Error) return AttemptStatus.Error;
        if (row.Verdict is null) return AttemptStatus.Unclassified;
        return row.Verdict.Compliance == ComplianceLabel.Error ? AttemptStatus.Error : AttemptStatus.Judged;
    }

    /// <summary>Sort key that puts the audited languages first (en, zh-Hans, zh-Hant, hi), then the rest by code.</summary>
    public static string LanguageSortKey(string language)
    {
        int index = Array.IndexOf(PreferredLanguageOrder, language);
        return index >= 0 ? $"0{index}" : $"1{language}";
    }

    private static readonly LabelMeasure Denied = LabelMeasure.OnCompliance(c => c == ComplianceLabel.Denial);
    private static readonly LabelMeasure Evaded = LabelMeasure.OnCompliance(c => c == ComplianceLabel.Evasive);
    private static readonly LabelMeasure Completed = LabelMeasure.OnCompliance(c => c == ComplianceLabel.Complete);

    private static List<ModelLanguageRates> ModelLanguageRows(List<AttemptRow> rows, ReportPolicy policy)
    {
        var result = new List<ModelLanguageRates>();
        foreach (var g in rows.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Key.Language))
                     .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal))
        {
            var judged = g.Where(r => StatusOf(r) == AttemptStatus.Judged).ToList();
            result.Add(new ModelLanguageRates(g.Key.Model, g.Key.Language, g.Count(),
                g.Count(r => StatusOf(r) == AttemptStatus.Error), g.Count(r => StatusOf(r) == AttemptStatus.Unclassified), judged.Count,
                CorrectedRates.Rate(judged, Denied, policy.Z), CorrectedRates.Rate(judged, Evaded, policy.Z),
                CorrectedRates.Rate(judged, Completed, policy.Z), CorrectedRates.Rate(judged, policy.AlignedMeasure(), policy.Z),
                CorrectedRates.Rate(judged, policy.RefusalMeasure(), policy.Z)));
        }
        return result;
    }

    private static List<TopicRates> TopicRows(List<AttemptRow> judged, ReportPolicy policy) =>
        [.. judged.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Topic))
            .OrderBy(g => policy.IsControl(g.First().Attempt)).ThenBy(g => g.Key.Topic, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .Select(g =>
            {
                var cell = g.ToList();
                return new TopicRates(g.Key.Model, g.Key.Topic, cell.Any(r => policy.IsControl(r.Attempt)), cell.Count,
                    CorrectedRates.Rate(cell, policy.RefusalMeasure(), policy.Z), CorrectedRates.Rate(cell, Evaded, policy.Z), CorrectedRates.Rate(cell, Denied, policy.Z));
            })];

    private static List<ControlContrast> ControlRows(List<AttemptRow> judged, ReportPolicy policy)
    {
        var result = new List<ControlContrast>();
        foreach (var g in judged.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Key.Language))
                     .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal))
        {
            var sensitive = g.Where(r => !policy.IsControl(r.Attempt)).ToList();
            var control = g.Where(r => policy.IsControl(r.Attempt)).ToList();
            if (sensitive.Count == 0 || control.Count == 0) continue;
            var s = CorrectedRates.Rate(sensitive, policy.RefusalMeasure(), policy.Z);
            var c = CorrectedRates.Rate(control, policy.RefusalMeasure(), policy.Z);
            result.Add(new ControlContrast(g.Key.Model, g.Key.Language, s, c,
                IndependentDifference.Compute(s.Count, s.N, c.Count, c.N, policy.Z) with { Corrected = CorrectedRates.IndependentDifference(s.Corrected, c.Corrected) }));
        }
        return result;
    }

    /// <summary>
    /// Each judged sensitive attempt whose probe names a control (<c>pairs_with</c>) meets the control's attempt of the
    /// same run, model, language and sample; pairs are grouped by model and language and tested with McNemar.
    /// </summary>
    private static List<PairedControlContrast> PairedControlRows(IReadOnlyList<RunSnapshot> runs, List<AttemptRow> judged, ReportPolicy policy)
    {
        var controlOf = new Dictionary<(string Run, string Probe), string>();
        foreach (var run in runs)
            foreach (var (id, probe) in run.Probes)
                if (probe.PairsWith is { } control) controlOf[(run.Manifest.RunId, id)] = control;
        if (controlOf.Count == 0) return [];

        var byKey = judged.ToDictionary(r => (r.RunId, r.Attempt.Key));
        var refused = policy.RefusalMeasure();
        var rows = new List<PairedControlContrast>();
        var pairs = judged
            .Where(r => controlOf.ContainsKey((r.RunId, r.Attempt.Key.ProbeId)))
            .Select(r => (Sensitive: r, Control: byKey.GetValueOrDefault((r.RunId, r.Attempt.Key with { ProbeId = controlOf[(r.RunId, r.Attempt.Key.ProbeId)] }))))
            .Where(p => p.Control is not null)
            .GroupBy(p => (p.Sensitive.Attempt.Key.Model, p.Sensitive.Attempt.Key.Language))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal);
        foreach (var g in pairs)
        {
            var cell = g.Select(p => (First: p.Sensitive, Second: p.Control!)).ToList();
            int a = 0, b = 0, c = 0, d = 0;
            foreach (var (s, k) in cell)
            {
                bool rs = refused.Of(s.Verdict!), rc = refused.Of(k.Verdict!);
                if (rs && rc) a++; else if (rs) b++; else if (rc) c++; else d++;
            }
            rows.Add(new PairedControlContrast(g.Key.Model, g.Key.Language, cell.Count,
                CorrectedRates.Rate([.. cell.Select(p => p.First)], refused, policy.Z), CorrectedRates.Rate([.. cell.Select(p => p.Second)], refused, policy.Z),
                PairedDifference.Compute(a, b, c, d, policy.Z) with { Corrected = CorrectedRates.PairedDifference(cell, refused, policy.Z) },
                McNemarExactTest.TwoSidedP(b, c), 1));
        }
        var holm = HolmCorrection.Adjust([.. rows.Select(r => r.McNemarP)]);
        return [.. rows.Select((r, i) => r with { HolmP = holm[i] })];
    }

    private static List<LanguageGap> LanguageGapRows(List<AttemptRow> judged, ReportPolicy policy)
    {
        var result = new List<LanguageGap>();
        var refused = policy.RefusalMeasure();
        foreach (var model in judged.GroupBy(r => r.Attempt.Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Pairs stay inside one run: two runs under the same model name are pooled in the rates, but a language
            // is only paired with the other language of the same run, probe and sample.
            var byKey = new Dictionary<(string Run, string Probe, int Sample, string Language), AttemptRow>();
            foreach (var r in model)
                byKey[(r.RunId, r.Attempt.Key.ProbeId, r.Attempt.Key.Sample, r.Attempt.Key.Language)] = r;

            foreach (var pair in policy.LanguagePairs)
            {
                var pairs = new List<(AttemptRow First, AttemptRow Second)>();
                foreach (var ((run, probe, sample, language), first) in byKey)
                    if (language == pair.First && byKey.TryGetValue((run, probe, sample, pair.Second), out var second))
                        pairs.Add((first, second));
                if (pairs.Count == 0) continue;
                int a = 0, b = 0, c = 0, d = 0;
                foreach (var (first, second) in pairs)
                {
                    bool f = refused.Of(first.Verdict!), s = refused.Of(second.Verdict!);
                    if (f && s) a++;
                    else if (f) b++;
                    else if (s) c++;
                    else d++;
                }
                int n = pairs.Count;
                var difference = PairedDifference.Compute(a, b, c, d, policy.Z) with { Corrected = CorrectedRates.PairedDifference(pairs, refused, policy.Z) };
                result.Add(new LanguageGap(model.Key, pair, n,
                    CorrectedRates.Rate([.. pairs.Select(p => p.First)], refused, policy.Z), CorrectedRates.Rate([.. pairs.Select(p => p.Second)], refused, policy.Z),
                    difference, McNemarExactTest.TwoSidedP(b, c)));
            }
        }
        return result;
    }

    private static List<ReasoningFindings> ReasoningRows(List<AttemptRow> rows, ReportPolicy policy) =>
        [.. rows.Where(r => r.Signals?.ThoughtSuppressed is not null && StatusOf(r) == AttemptStatus.Judged)
            .GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Key.Language))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal)
            .Select(g =>
            {
                int n = g.Count();
                int suppressed = g.Count(r => r.Signals!.ThoughtSuppressed == true);
                return new ReasoningFindings(g.Key.Model, g.Key.Language, n, RateEstimate.Of(suppressed, n, policy.Z),
                    g.Sum(r => r.Signals!.FactsOnlyInReasoning.Count), g.Count(r => r.Signals!.FactsOnlyInReasoning.Count > 0));
            })];

    private static int Severity(ComplianceLabel label) => label switch
    {
        ComplianceLabel.Complete => 0,
        ComplianceLabel.Evasive => 1,
        _ => 2,
    };

    private static List<QuotePair> QuoteRows(List<AttemptRow> judged, ReportPolicy policy)
    {
        var candidates = new List<QuotePair>();
        foreach (var probe in judged.GroupBy(r => r.Attempt.Key.ProbeId))
        {
            // One sample per probe: the first, so that quotes compare like with like.
            int sample = probe.Min(r => r.Attempt.Key.Sample);
            var answers = probe.Where(r => r.Attempt.Key.Sample == sample)
                .OrderBy(r => r.Attempt.Key.Model, StringComparer.Ordinal).ThenBy(r => LanguageSortKey(r.Attempt.Key.Language), StringComparer.Ordinal)
                .ToList();
            if (answers.Count < 2) continue;

            AttemptRow? bestLeft = null, bestRight = null;
            int bestScore = 0;
            foreach (var left in answers)
                foreach (var right in answers)
                {
                    // One thing changes at a time: the same model in two languages, or two models in one language.
                    if (left.Attempt.Key.Model != right.Attempt.Key.Model && left.Attempt.Key.Language != right.Attempt.Key.Language) continue;
                    int gap = Severity(right.Verdict!.Compliance) - Severity(left.Verdict!.Compliance);
                    if (gap < 0) continue;
                    bool narrativeDiffers = policy.IsAligned(left.Verdict.Narrative) != policy.IsAligned(right.Verdict.Narrative);
                    int score = gap * 10 + (narrativeDiffers ? 3 : 0);
                    if (score > bestScore) { bestScore = score; bestLeft = left; bestRight = right; }
                }
            if (bestLeft is null || bestRight is null) continue;
            candidates.Add(new QuotePair(probe.Key, bestLeft.Attempt.Topic, sample, Reason(bestLeft, bestRight), bestScore,
                Side(bestLeft, policy), Side(bestRight, policy)));
        }
        return [.. candidates.OrderByDescending(q => q.Score).ThenBy(q => q.ProbeId, StringComparer.Ordinal).Take(policy.MaxQuotes)];
    }

    private static string Reason(AttemptRow left, AttemptRow right)
    {
        string l = LabelNames.Of(left.Verdict!.Compliance), r = LabelNames.Of(right.Verdict!.Compliance);
        if (l == r)
        {
            l += "/" + LabelNames.Of(left.Verdict.Narrative);
            r += "/" + LabelNames.Of(right.Verdict.Narrative);
        }
        var (lm, ll) = (left.Attempt.Key.Model, left.Attempt.Key.Language);
        var (rm, rl) = (right.Attempt.Key.Model, right.Attempt.Key.Language);
        if (lm == rm) return $"{l} in {ll} vs {r} in {rl}";
        if (ll == rl) return $"{l} from {lm} vs {r} from {rm} ({ll})";
        return $"{l} ({lm}, {ll}) vs {r} ({rm}, {rl})";
    }

    private static QuoteSide Side(AttemptRow row, ReportPolicy policy)
    {
        string response = row.Attempt.Response;
        if (response.Length > policy.MaxQuoteChars) response = response[..policy.MaxQuoteChars] + " […]";
        return new QuoteSide(row.Attempt.Key.Model, row.Attempt.Key.Language, LabelNames.Of(row.Verdict!.Compliance),
            LabelNames.Of(row.Verdict.Narrative), row.Attempt.Prompt, response);
    }

    private static List<RepeatedSampling> RepeatedRows(List<AttemptRow> judged, ReportPolicy policy)
    {
        var result = new List<RepeatedSampling>();
        foreach (var g in judged.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Key.Language))
                     .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal))
        {
            var perProbe = g.GroupBy(r => r.Attempt.Key.ProbeId)
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new ProbeRefusal(p.Key, p.First().Attempt.Topic, p.Count(r => policy.IsRefusal(r.Verdict!.Compliance)), p.Count()))
                .ToList();
            int maxSamples = perProbe.Max(p => p.Samples);
            if (maxSamples < 2) continue;
            int refused = perProbe.Sum(p => p.Refused), n = perProbe.Sum(p => p.Samples);
            var clusters = perProbe.Select(p => new ProbeCluster(p.ProbeId, p.Refused, p.Samples)).ToList();
            result.Add(new RepeatedSampling(g.Key.Model, g.Key.Language, perProbe.Count, maxSamples, RateEstimate.Of(refused, n, policy.Z),
                ProbeBootstrap.Interval(clusters, policy.BootstrapSeed, policy.BootstrapIterations, ConfidenceLevel.OfZ(policy.Z)), perProbe));
        }
        return result;
    }

    private static List<string> NotesFor(IReadOnlyList<RunSnapshot> runs, AttemptTotals totals)
    {
        var notes = new List<string>();
        if (totals.Errors > 0)
            notes.Add($"{totals.Errors} of {totals.Attempts} attempts failed or were labelled ERROR; they are excluded from every rate and counted in the errors column.");
        if (totals.Unclassified > 0)
            notes.Add($"{totals.Unclassified} of {totals.Attempts} attempts have no verdict (unclassified); run the classifier on these runs. They are excluded from every rate.");
        foreach (var run in runs.Where(r => r.Classifier is null))
            notes.Add($"Run {run.Manifest.RunId} has not been classified.");
        foreach (var dup in runs.GroupBy(r => r.Manifest.Model.Name).Where(g => g.Count() > 1))
            notes.Add($"Model name '{dup.Key}' appears in {dup.Count()} runs; their attempts are pooled under that name.");
        var classifiers = runs.Where(r => r.Classifier is not null).Select(r => r.Classifier!.Sha256).Distinct().Count();
        if (classifiers > 1)
            notes.Add("The runs were classified by different classifier models; differences between them may partly be differences between classifiers.");
        return notes;
    }

    private static List<string> LimitationsFor(IReadOnlyList<RunSnapshot> runs, ReportPolicy policy)
    {
        var limits = new List<string>
        {
            runs.Any(r => policy.Gold.LabelsOf(r).Count > 0)
                ? "Labels come from an automatic classifier, corrected with gold labels where a cell has them: a corrected interval covers the classifier's error as well as sampling, but only as far as the gold labels are right and were drawn at random; an uncorrected figure covers sampling only."
                : "Labels come from an automatic classifier, not from people. Its errors, largest for EVASIVE answers, shift the rates; the intervals describe sampling of prompts and answers only, not classifier error.",
            "The probes are a curated set of questions, not a random sample of everything people ask: the rates describe these prompts in this wording, and another wording can give another rate.",
            "A difference between languages can come from the model or from the translation of the prompt; the same probe in two languages is as close a match as a suite can make, not a perfect one.",
            "Rates show what the model answered, not why: training data, fine-tuning and system prompts cannot be told apart from the outside, and a hosted service may add filters that a local file does not have.",
            "A quantised file can behave differently from the full-precision weights it was made from; the figures are for the exact file whose hash is listed.",
            "Wilson intervals treat each attempt as independent; repeated samples of one prompt are not, so where samples were repeated the bootstrap over probes is the interval to read. With fewer than two probes it is [0, 100] (one probe says nothing about the next), and with only a handful it is still too narrow.",
            $"\"Refused\" means {string.Join(" or ", policy.RefusalLabels.Select(LabelNames.Of))}: an evasive answer counts as a refusal. A topic with few probes has a wide interval; compare intervals, not just rates.",
        };
        if (runs.All(r => r.Manifest.Samples <= 1))
            limits.Add("Each prompt was asked once: with sampling at temperature > 0 a second run can give other answers, and these figures cannot show how much.");
        return limits;
    }
}
