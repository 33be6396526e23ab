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
        if (RunOverlap.Describe(runs) is { } overlap) throw new ArgumentException(overlap, nameof(runs));

        var rows = new List<AttemptRow>(runs.Sum(r => r.Attempts.Count));
        foreach (var run in runs)
        {
            var gold = policy.Gold.LabelsOf(run);
            foreach (var a in run.Attempts)
                rows.Add(new AttemptRow(run.Manifest.RunId, a.Attempt, a.Verdict, a.Signals) { Judge = a.Judge, Gold = gold.GetValueOrDefault(a) });
        }

        // Which answers are quoted or shown in the explorer is decided on labels alone. Then one pass over the answers
        // (read from the stores when the snapshots deferred them, one at a time) brings those texts and what the report
        // says about every answer's text. It runs on another core while the rates, which need labels only, are computed.
        var quotes = ChooseQuotes(rows, policy);
        var shown = Rendering.ExplorerData.Choose(rows, policy).Concat(quotes.SelectMany(q => new[] { q.Left, q.Right })).ToHashSet();
        var reading = Task.Run(() => ReadTexts(runs, rows.Count, shown));

        var judged = rows.Where(r => StatusOf(r) == AttemptStatus.Judged).ToList();
        var totals = new AttemptTotals(
            rows.Count,
            judged.Count,
            rows.Count(r => StatusOf(r) == AttemptStatus.Error),
            rows.Count(r => StatusOf(r) == AttemptStatus.Unclassified));
        var modelLanguages = ModelLanguageRows(rows, policy);
        var topics = TopicRows(judged, policy);
        var controls = ControlRows(judged, policy);
        var languageGaps = LanguageGapRows(judged, policy);
        var repeated = RepeatedRows(judged, policy);
        var correction = CorrectionOf(judged, policy);
        var topicLanguages = TopicLanguageRows(judged, policy);
        var timelines = TimelineRows(judged, policy);
        var pairedControls = PairedControlRows(runs, judged, policy);

        var texts = reading.GetAwaiter().GetResult();
        foreach (var (i, attempt) in texts.Shown)
            if (!ReferenceEquals(rows[i].Attempt, attempt)) rows[i] = rows[i] with { Attempt = attempt };
        for (int i = 0; i < rows.Count; i++)
        {
            // Older stores marked thought as suppressed for every model of a run once one model reasoned; a model
            // that never returned a trace has no thought to suppress, whatever its stored signal says.
            if (rows[i].Signals is { ThoughtSuppressed: not null } s && !texts.ReasoningModels.Contains(rows[i].Attempt.Key.Model))
                rows[i] = rows[i] with { Signals = s with { ThoughtSuppressed = null } };
        }

        return new AuditSummary(
            Title: title,
            GeneratedAt: generatedAt,
            ReportingVersion: typeof(AuditSummaryBuilder).Assembly.GetName().Version?.ToString(3) ?? "unknown",
            IsSmokeTest: runs.Any(r => r.Manifest.IsSmokeTest),
            Policy: policy,
            Totals: totals,
            Runs: [.. runs.Select(r => new RunMethod(r.Manifest.RunId, r.Manifest, r.Classifier, r.Attempts.Count))],
            ModelLanguages: modelLanguages,
            Topics: topics,
            Controls: controls,
            LanguageGaps: languageGaps,
            Reasoning: ReasoningRows(rows, policy),
            Quotes: [.. quotes.Select(q => QuoteRow(q, rows, policy))],
            RepeatedSampling: repeated,
            Notes: NotesFor(runs, totals),
            Limitations: LimitationsFor(runs, rows.Any(r => r.Gold is not null), policy),
            Attempts: rows)
        {
            AttemptsWithTexts = runs.Any(r => r.DeferredTexts is not null) ? RowsWithTexts(runs, rows) : rows,
            Correction = correction,
            TopicLanguages = topicLanguages,
            Timelines = timelines,
            PairedControls = pairedControls,
            Warnings = [.. RunWarnings(runs, rows, texts, policy), .. WarningsFor(runs, judged, policy)],
        };
    }

    /// <summary>
    /// What the report says about answers' texts: which models reason, which answers are not language at all (a reason,
    /// by row; null when they are), and the attempts, texts included, of the rows it quotes or shows.
    /// </summary>
    private sealed record TextFacts(HashSet<string> ReasoningModels, string?[] DegenerateReasons, Dictionary<int, Attempt> Shown);

    /// <summary>
    /// One pass over every answer's text. Reasoning models are those that returned a trace at least once, in any run,
    /// and those run with an R1-style template (which opens the trace itself); decided per model, as the classifier
    /// does, since an import mixes reasoning models with others. Reads the snapshots only, never the rows, so that it can
    /// run beside the computing of rates.
    /// </summary>
    private static TextFacts ReadTexts(IReadOnlyList<RunSnapshot> runs, int rowCount, HashSet<int> shown)
    {
        var reasoningModels = new HashSet<string>(StringComparer.Ordinal);
        var degenerate = new string?[rowCount];
        var shownAttempts = new Dictionary<int, Attempt>(shown.Count);
        int i = 0;
        foreach (var run in runs)
        {
            bool template = run.Manifest.Model.ChatTemplateFamily == "deepseek-r1";
            foreach (var a in run.WithTexts())
            {
                var attempt = a.Attempt;
                if (template || !string.IsNullOrWhiteSpace(attempt.Reasoning)) reasoningModels.Add(attempt.Key.Model);
                if (attempt.Succeeded && attempt.Moderation is null) degenerate[i] = DegenerateAnswers.Reason(attempt.Response, attempt.Key.Language);
                if (shown.Contains(i)) shownAttempts[i] = attempt;
                i++;
            }
        }
        return new TextFacts(reasoningModels, degenerate, shownAttempts);
    }

    /// <summary>Every row with its texts, read afresh from the stores on each enumeration: attempts.csv's source.</summary>
    private static IEnumerable<AttemptRow> RowsWithTexts(IReadOnlyList<RunSnapshot> runs, List<AttemptRow> rows)
    {
        int i = 0;
        foreach (var run in runs)
            foreach (var a in run.WithTexts())
            {
                var row = rows[i++];
                yield return ReferenceEquals(row.Attempt, a.Attempt) ? row : row with { Attempt = a.Attempt };
            }
    }

    /// <summary>
    /// Runs whose figures describe a broken setup rather than the model's choices: a local model run without its chat
    /// template, and models whose answers in a language are mostly not language at all.
    /// </summary>
    private static List<string> RunWarnings(IReadOnlyList<RunSnapshot> runs, List<AttemptRow> rows, TextFacts texts, ReportPolicy policy)
    {
        var warnings = new List<string>();
        foreach (var run in runs.Where(r => r.Manifest.Model.Backend == "llama.cpp" && !r.Manifest.IsSmokeTest))
        {
            string? family = run.Manifest.Model.ChatTemplateFamily;
            if (family is null || family == "none" || family.StartsWith("fallback", StringComparison.Ordinal))
                warnings.Add($"No chat template: run {run.Manifest.RunId} ({run.Manifest.Model.Name}) was run {(family is null ? "without a chat template" : $"with the plain fallback ({family}) because the model file has no usable chat template")}. " +
                             "A chat model given raw text often continues it with noise, which the classifier then labels; its rates may describe that noise rather than censorship.");
        }
        // The smoke model's noise is its purpose, and its report already says it audits nothing.
        var smokeRuns = runs.Where(r => r.Manifest.IsSmokeTest).Select(r => r.Manifest.RunId).ToHashSet(StringComparer.Ordinal);
        foreach (var model in Enumerable.Range(0, rows.Count)
                     .Where(i => rows[i].Attempt.Succeeded && rows[i].Attempt.Moderation is null && !smokeRuns.Contains(rows[i].RunId))
                     .GroupBy(i => rows[i].Attempt.Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var cells = new List<string>();
            foreach (var language in model.GroupBy(i => rows[i].Attempt.Key.Language).OrderBy(g => LanguageSortKey(g.Key), StringComparer.Ordinal))
            {
                int n = language.Count();
                if (n < policy.DegenerateMinimumAnswers) continue;
                var reasons = language.Select(i => texts.DegenerateReasons[i]).Where(x => x is not null).ToList();
                if (reasons.Count < policy.DegenerateWarningShare * n) continue;
                var kinds = reasons.GroupBy(x => x!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
                cells.Add($"{reasons.Count} of {n} in {language.Key} ({string.Join(", ", kinds)})");
            }
            if (cells.Count > 0)
                warnings.Add($"Degenerate answers: most answers of {model.Key} are not language: {string.Join("; ", cells)}. " +
                             "The classifier still labels them, so this model's rates describe broken output (check its chat template and file), not what it chose to say.");
        }
        return warnings;
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
                  "The classifier errs toward COMPLETE: it reads deflections into official talking points as answers and finds only 58 % of the evasive ones (models/classifier.md), so it under-counted refusals; on SpeechMap answers to questions it had not seen, its refusal rate for Chinese-made models on China questions was off by 11.8 percentage points on average (bench/README.md, corrected-rate-coverage). " +
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

    private static List<TopicLanguageRates> TopicLanguageRows(List<AttemptRow> judged, ReportPolicy policy) =>
        [.. judged.GroupBy(r => (r.Attempt.Key.Model, r.Attempt.Topic, r.Attempt.Key.Language))
            .OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Topic, StringComparer.Ordinal).ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal)
            .Select(g =>
            {
                var cell = g.ToList();
                return new TopicLanguageRates(g.Key.Model, g.Key.Topic, g.Key.Language, cell.Any(r => policy.IsControl(r.Attempt)), cell.Count,
                    CorrectedRates.Rate(cell, policy.RefusalMeasure(), policy.Z), CorrectedRates.Rate(cell, policy.AlignedMeasure(), policy.Z));
            })];

    /// <summary>
    /// Each topic in each language, refused and aligned, across the versions in release order (ties keep the order
    /// given), each with a Cochran-Armitage trend test on scores 0, 1, 2, ...; Holm across all of them.
    /// </summary>
    private static List<VersionTimeline> TimelineRows(List<AttemptRow> judged, ReportPolicy policy)
    {
        if (policy.Versions is not { Count: >= 2 } versions) return [];
        var ordered = versions.Select((v, i) => (v, i)).OrderBy(x => x.v.Released, StringComparer.Ordinal).ThenBy(x => x.i).Select(x => x.v).ToList();
        var rank = ordered.Select((v, i) => (v.Model, i)).ToDictionary(x => x.Model, x => x.i, StringComparer.Ordinal);
        var result = new List<VersionTimeline>();
        foreach (var cell in judged.Where(r => rank.ContainsKey(r.Attempt.Key.Model))
                     .GroupBy(r => (r.Attempt.Topic, r.Attempt.Key.Language))
                     .OrderBy(g => policy.IsControl(g.First().Attempt)).ThenBy(g => g.Key.Topic, StringComparer.Ordinal)
                     .ThenBy(g => LanguageSortKey(g.Key.Language), StringComparer.Ordinal))
        {
            var byModel = cell.GroupBy(r => r.Attempt.Key.Model).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            if (byModel.Count < 2) continue;
            foreach (var (name, measure) in new[] { ("refused", policy.RefusalMeasure()), ("aligned", policy.AlignedMeasure()) })
            {
                var points = ordered.Select(v => new VersionPoint(v.Model, v.Released,
                    CorrectedRates.Rate(byModel.TryGetValue(v.Model, out var rows) ? rows : [], measure, policy.Z))).ToList();
                var (z, p) = CochranArmitageTrendTest.Compute([.. points.Select(x => (x.Rate.Count, x.Rate.N))], [.. ordered.Select((_, i) => (double)i)]);
                result.Add(new VersionTimeline(cell.Key.Topic, cell.Key.Language, name, points, z, p));
            }
        }
        var holm = HolmCorrection.Adjust([.. result.Select(t => t.TrendP)]);
        return [.. result.Select((t, i) => t with { HolmP = holm[i], Significant = holm[i] < policy.Alpha })];
    }

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
        var languagePairs = policy.LanguagePairsFor(judged.Select(r => r.Attempt.Key.Language));
        foreach (var model in judged.GroupBy(r => r.Attempt.Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // Pairs stay inside one run: runs of one model that do not overlap are pooled in the rates, but a language
            // is only paired with the other language of the same run, probe and sample.
            var byKey = new Dictionary<(string Run, string Probe, int Sample, string Language), AttemptRow>();
            foreach (var r in model)
                byKey[(r.RunId, r.Attempt.Key.ProbeId, r.Attempt.Key.Sample, r.Attempt.Key.Language)] = r;

            foreach (var pair in languagePairs)
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
        // One family for the whole report: with 37 models and four pairs, some gap would pass at 0.05 by chance alone.
        var holm = HolmCorrection.Adjust([.. result.Select(g => g.McNemarP)]);
        return [.. result.Select((g, i) => g with { HolmP = holm[i], Significant = holm[i] < policy.Alpha })];
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

    /// <summary>Two answers to one probe chosen to be quoted side by side, as indices into the report's rows.</summary>
    private sealed record QuoteChoice(string ProbeId, string Topic, int Sample, string Reason, int Score, int Left, int Right);

    /// <summary>Per probe, the two judged answers whose labels differ most, one thing changing at a time; the highest scores first.</summary>
    private static List<QuoteChoice> ChooseQuotes(List<AttemptRow> rows, ReportPolicy policy)
    {
        var candidates = new List<QuoteChoice>();
        // How often each model is quoted so far: among equally telling pairs the less quoted models win, or the model
        // first in alphabetical order would stand as the answering side of nearly every quote.
        var quoted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var probe in Enumerable.Range(0, rows.Count).Where(i => StatusOf(rows[i]) == AttemptStatus.Judged)
                     .GroupBy(i => rows[i].Attempt.Key.ProbeId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // One sample per probe: the first, so that quotes compare like with like.
            int sample = probe.Min(i => rows[i].Attempt.Key.Sample);
            var answers = probe.Where(i => rows[i].Attempt.Key.Sample == sample)
                .OrderBy(i => rows[i].Attempt.Key.Model, StringComparer.Ordinal).ThenBy(i => LanguageSortKey(rows[i].Attempt.Key.Language), StringComparer.Ordinal)
                .ToList();
            if (answers.Count < 2) continue;

            int bestLeft = -1, bestRight = -1, bestScore = 0, bestUses = 0;
            foreach (var l in answers)
                foreach (var r in answers)
                {
                    AttemptRow left = rows[l], right = rows[r];
                    // One thing changes at a time: the same model in two languages, or two models in one language.
                    if (left.Attempt.Key.Model != right.Attempt.Key.Model && left.Attempt.Key.Language != right.Attempt.Key.Language) continue;
                    int gap = Severity(right.Verdict!.Compliance) - Severity(left.Verdict!.Compliance);
                    if (gap < 0) continue;
                    bool narrativeDiffers = policy.IsAligned(left.Verdict.Narrative) != policy.IsAligned(right.Verdict.Narrative);
                    int score = gap * 10 + (narrativeDiffers ? 3 : 0);
                    int uses = quoted.GetValueOrDefault(left.Attempt.Key.Model) + quoted.GetValueOrDefault(right.Attempt.Key.Model);
                    if (score > bestScore || score == bestScore && score > 0 && uses < bestUses) { bestScore = score; bestUses = uses; bestLeft = l; bestRight = r; }
                }
            if (bestLeft < 0) continue;
            foreach (var model in new[] { rows[bestLeft].Attempt.Key.Model, rows[bestRight].Attempt.Key.Model }.Distinct(StringComparer.Ordinal))
                quoted[model] = quoted.GetValueOrDefault(model) + 1;
            candidates.Add(new QuoteChoice(probe.Key, rows[bestLeft].Attempt.Topic, sample, Reason(rows[bestLeft], rows[bestRight]), bestScore, bestLeft, bestRight));
        }
        return [.. candidates.OrderByDescending(q => q.Score).ThenBy(q => q.ProbeId, StringComparer.Ordinal).Take(policy.MaxQuotes)];
    }

    /// <summary>A chosen pair as the report quotes it, each side pointing at its attempts.csv row, where a reader finds it whole.</summary>
    private static QuotePair QuoteRow(QuoteChoice q, List<AttemptRow> rows, ReportPolicy policy) =>
        new(q.ProbeId, q.Topic, q.Sample, q.Reason, q.Score, Side(rows, q.Left, policy), Side(rows, q.Right, policy));

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

    private static QuoteSide Side(List<AttemptRow> rows, int index, ReportPolicy policy)
    {
        var row = rows[index];
        string response = row.Attempt.Response;
        // Never splitting a surrogate pair: half an emoji would become a replacement character in every format.
        response = AnswerLimits.Cut(response, policy.MaxQuoteChars, out bool cut) + (cut ? " […]" : "");
        return new QuoteSide(row.Attempt.Key.Model, row.Attempt.Key.Language, LabelNames.Of(row.Verdict!.Compliance),
            LabelNames.Of(row.Verdict.Narrative), row.Attempt.Prompt, response)
        {
            // attempts.csv has a header line, then one line per row in this order.
            AttemptsCsvRow = index + 2,
            ResponseLength = row.Attempt.Response.Length,
        };
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
        foreach (var dup in runs.SelectMany(r => r.Attempts.Select(a => a.Attempt.Key.Model).Distinct().Select(m => (Model: m, r.Manifest.RunId)))
                     .GroupBy(x => x.Model).Where(g => g.Count() > 1).OrderBy(g => g.Key, StringComparer.Ordinal))
            notes.Add($"Model '{dup.Key}' appears in {dup.Count()} runs ({string.Join(", ", dup.Select(x => x.RunId))}) with different probes or languages; their attempts are pooled under that name, none counted twice.");
        var classifiers = runs.Where(r => r.Classifier is not null).Select(r => r.Classifier!.Sha256).Distinct().Count();
        if (classifiers > 1)
            notes.Add("The runs were classified by different classifier models; differences between them may partly be differences between classifiers.");
        return notes;
    }

    /// <param name="anyGold">Whether any attempt carries a gold label (read off the rows, which <see cref="GoldSource.LabelsOf"/> already gave theirs).</param>
    private static List<string> LimitationsFor(IReadOnlyList<RunSnapshot> runs, bool anyGold, ReportPolicy policy)
    {
        var limits = new List<string>
        {
            anyGold
                ? "Labels come from an automatic classifier, corrected with gold labels where a cell has them: a corrected interval covers the classifier's error as well as sampling, but only as far as the gold labels are right and were drawn at random; an uncorrected figure covers sampling only."
                : "Labels come from an automatic classifier, not from people. Its errors, largest for EVASIVE answers, shift the rates; the intervals describe sampling of prompts and answers only, not classifier error.",
            "The probes are a curated set of questions, not a random sample of everything people ask: the rates describe these prompts in this wording, and another wording can give another rate.",
            "A difference between languages can come from the model or from the translation of the prompt; the same probe in two languages is as close a match as a suite can make, not a perfect one.",
            "Rates show what the model answered, not why: training data, fine-tuning and system prompts cannot be told apart from the outside.",
            "Wilson intervals treat each attempt as independent; repeated samples of one prompt are not, so where samples were repeated the bootstrap over probes is the interval to read. With fewer than two probes it is [0, 100] (one probe says nothing about the next), and with only a handful it is still too narrow.",
            $"\"Refused\" means {string.Join(" or ", policy.RefusalLabels.Select(LabelNames.Of))}: an evasive answer counts as a refusal. A topic with few probes has a wide interval; compare intervals, not just rates.",
        };
        if (runs.Any(r => r.Manifest.Model.Backend is "import" or "openai-compatible"))
            limits.Add("Answers from a hosted service or an imported transcript may have passed through the provider's filters and system prompt, which a local file does not have; the figures describe the service as it answered then.");
        if (runs.Any(r => r.Manifest.Model.FileType is { } t && t != "none"))
            limits.Add("A quantised file can behave differently from the full-precision weights it was made from; the figures are for the exact file whose hash is listed.");
        if (runs.Any(r => r.Manifest.Model.Backend == "import"))
            limits.Add("Imported answers carry no record of how they were generated (temperature, system prompt, date): the method section lists only what the transcript says.");
        if (runs.All(r => r.Manifest.Samples <= 1))
            limits.Add("Each prompt was asked once: with sampling at temperature > 0 a second run can give other answers, and these figures cannot show how much.");
        return limits;
    }
}
