using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Summaries;

public class AuditSummaryBuilderTests
{
    private static AuditSummary Build(params AuditKit.Core.Runs.RunSnapshot[] runs) =>
        AuditSummaryBuilder.Build(runs, ReportPolicy.Default, "Test report", SnapshotBuilder.Time);

    [Fact]
    public void Build_ErrorsAndUnclassified_CountedButExcludedFromRates()
    {
        var s = Build(SampleRuns.Base());
        var en = s.ModelLanguages.Single(r => r.Model == "base-7b" && r.Language == "en");
        Assert.Equal(24, en.Attempts);
        Assert.Equal(2, en.Errors);
        Assert.Equal(1, en.Unclassified);
        Assert.Equal(21, en.Judged);
        Assert.Equal(21, en.Denial.N);
        Assert.Equal(2, en.Denial.Count);
        Assert.Contains(s.Notes, n => n.Contains("unclassified"));
        Assert.Equal(new AttemptTotals(55, 52, 2, 1), s.Totals);
    }

    [Fact]
    public void Build_LanguageGap_PairsSameProbeAndSample()
    {
        var gap = Build(SampleRuns.Base()).LanguageGaps.Single(g => g.Pair == new LanguagePair("en", "zh-Hans"));
        Assert.Equal(21, gap.Pairs); // 10 tiananmen + 6 taiwan + 5 control
        Assert.Equal(2, gap.FirstRefusal.Count);
        Assert.Equal(11, gap.SecondRefusal.Count); // 7 denials + 3 evasive + 1 control denial
        Assert.True(gap.Difference.Difference < 0);
        Assert.True(gap.McNemarP < 0.05);
    }

    [Fact]
    public void Build_Controls_GroupedByKindAndTopicPrefix()
    {
        var s = Build(SampleRuns.Base());
        Assert.True(s.Topics.Single(t => t.Topic == "control-government-criticism").IsControl);
        var zh = s.Controls.Single(c => c.Language == "zh-Hans");
        Assert.Equal(5, zh.Control.N);
        Assert.Equal(1, zh.Control.Count);
        Assert.Equal(16, zh.Sensitive.N);
    }

    [Fact]
    public void Build_Quotes_PickLargestLabelDifference()
    {
        var quotes = Build(SampleRuns.Base()).Quotes;
        Assert.Equal("COMPLETE", quotes[0].Left.Compliance);
        Assert.Equal("DENIAL", quotes[0].Right.Compliance);
        Assert.Contains(quotes, q => q.Reason == "COMPLETE in en vs DENIAL in zh-Hans" && q.ProbeId == "tiananmen-00");
    }

    [Fact]
    public void Build_QuotesAcrossModelsAndLanguages_ChangeOneThingAtATime()
    {
        // The widest gap (a in en COMPLETE vs b in zh-Hans DENIAL) changes model and language at once: never quoted.
        var a = new SnapshotBuilder("a", "ra").Add("p", "china", "en", ComplianceLabel.Complete).Add("p", "china", "zh-Hans", ComplianceLabel.Evasive);
        var b = new SnapshotBuilder("b", "rb").Add("p", "china", "en", ComplianceLabel.Evasive).Add("p", "china", "zh-Hans", ComplianceLabel.Denial);

        var quote = Assert.Single(Build(a.Build(), b.Build()).Quotes);

        Assert.True(quote.Left.Model == quote.Right.Model || quote.Left.Language == quote.Right.Language, $"{quote.Left.Model}/{quote.Left.Language} vs {quote.Right.Model}/{quote.Right.Language}");
        Assert.DoesNotContain("(a, en) vs", quote.Reason);
    }

    [Fact]
    public void Build_ReasoningSignals_SummarisedPerLanguage()
    {
        var r = Build(SampleRuns.Base()).Reasoning.Single();
        Assert.Equal("zh-Hans", r.Language);
        Assert.Equal(10, r.ReasoningAttempts);
        Assert.Equal(5, r.ThoughtSuppression.Count);
        Assert.Equal(5, r.FactsOnlyInReasoning);
    }

    [Fact]
    public void Build_RepeatedSamples_PerProbeProbabilityAndDeterministicBootstrap()
    {
        var first = Build(SampleRuns.Repeated()).RepeatedSampling.Single();
        var second = Build(SampleRuns.Repeated()).RepeatedSampling.Single();
        Assert.Equal(8, first.Probes);
        Assert.Equal(5, first.MaxSamplesPerProbe);
        Assert.Equal(first.ProbeBootstrapInterval, second.ProbeBootstrapInterval);
        Assert.All(first.PerProbe, p => Assert.Equal(5, p.Samples));
        Assert.True(first.ProbeBootstrapInterval.Contains(first.Pooled.Rate));
    }

    [Fact]
    public void Build_SingleSampleRun_HasNoRepeatedSection() => Assert.Empty(Build(SampleRuns.Base()).RepeatedSampling);

    [Fact]
    public void Build_SmokeRun_FlagsSummary()
    {
        Assert.True(Build(SampleRuns.Hostile(smoke: true)).IsSmokeTest);
        Assert.False(Build(SampleRuns.Base()).IsSmokeTest);
    }

    [Fact]
    public void Build_StricterPolicy_ChangesWhatCountsAsRefusal()
    {
        var policy = ReportPolicy.Default with { RefusalLabels = [ComplianceLabel.Denial] };
        var s = AuditSummaryBuilder.Build([SampleRuns.Base()], policy, "t", SnapshotBuilder.Time);
        var hant = s.ModelLanguages.Single(r => r.Language == "zh-Hant");
        Assert.Equal(0, hant.Refusal.Count);
        Assert.Equal(4, hant.Evasive.Count);
    }

    [Fact]
    public void Build_SameModelAnsweringSameProbesInTwoRuns_IsRefusedNamingBothRuns()
    {
        var first = new SnapshotBuilder("m", "run-1").AddMany("p", "tiananmen", "en", ComplianceLabel.Denial, 10).Build();
        var second = new SnapshotBuilder("m", "run-2").AddMany("p", "tiananmen", "en", ComplianceLabel.Complete, 10).Build();

        var e = Assert.Throws<ArgumentException>(() => Build(first, second));

        Assert.StartsWith("model 'm' answers the same probes in run run-1 (/runs/run-1) and run run-2 (/runs/run-2), e.g. p-000 in en", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Build_SameModelInTwoRunsOfOtherLanguages_PoolsWithANoteAndPairsWithinEachRun()
    {
        // Run 1 holds en and zh-Hans, run 2 the same probes in fi: nothing is counted twice, so they pool; the en-fi
        // gap has no pairs (a language pairs only inside its run), the en-zh-Hans gap has all ten.
        var first = new SnapshotBuilder("m", "run-1").AddMany("p", "tiananmen", "en", ComplianceLabel.Denial, 10)
            .AddMany("p", "tiananmen", "zh-Hans", ComplianceLabel.Complete, 10).Build();
        var second = new SnapshotBuilder("m", "run-2").AddMany("p", "tiananmen", "fi", ComplianceLabel.Complete, 10).Build();

        var s = Build(first, second);

        Assert.Equal(10, s.LanguageGaps.Single(g => g.Pair == new LanguagePair("en", "zh-Hans")).Pairs);
        Assert.DoesNotContain(s.LanguageGaps, g => g.Pair.Second == "fi");
        Assert.Contains(s.Notes, n => n.StartsWith("Model 'm' appears in 2 runs (run-1, run-2)", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_DefaultLanguagePairs_EveryLanguageAgainstEnglishFromTheData()
    {
        var run = new SnapshotBuilder("m", "r").AddMany("p", "t", "en", ComplianceLabel.Complete, 3).AddMany("p", "t", "fi", ComplianceLabel.Denial, 3)
            .AddMany("p", "t", "zh-Hant", ComplianceLabel.Complete, 3).AddMany("p", "t", "zh-Hans", ComplianceLabel.Complete, 3).Build();

        var pairs = Build(run).LanguageGaps.Select(g => g.Pair.ToString());

        Assert.Equal(["en vs zh-Hans", "en vs zh-Hant", "en vs fi", "zh-Hans vs zh-Hant"], pairs);
    }

    [Fact]
    public void Build_ChosenLanguagePairs_AreTheOnlyOnesCompared()
    {
        var run = new SnapshotBuilder("m", "r").AddMany("p", "t", "en", ComplianceLabel.Complete, 3).AddMany("p", "t", "fi", ComplianceLabel.Denial, 3)
            .AddMany("p", "t", "zh-Hans", ComplianceLabel.Complete, 3).Build();
        var policy = ReportPolicy.Default with { LanguagePairs = [new LanguagePair("fi", "zh-Hans")] };

        var gap = AuditSummaryBuilder.Build([run], policy, "t", SnapshotBuilder.Time).LanguageGaps.Single();

        Assert.Equal(new LanguagePair("fi", "zh-Hans"), gap.Pair);
        Assert.Equal(1.0, gap.Difference.Difference, 12);
    }

    [Fact]
    public void Build_LanguageGaps_HolmAdjustedAcrossTheWholeReport()
    {
        // Two models, one pair each. Model a: 10 probes refused in fi only (p = 2 / 2^10); model b: 6 (p = 2 / 2^6).
        // Holm over the two: a gets 2 * 2/1024, b max(2/64, that) = 2/64 (b's p times 1).
        var a = new SnapshotBuilder("a", "ra").AddMany("p", "t", "en", ComplianceLabel.Complete, 10).AddMany("p", "t", "fi", ComplianceLabel.Denial, 10).Build();
        var b = new SnapshotBuilder("b", "rb").AddMany("p", "t", "en", ComplianceLabel.Complete, 6).AddMany("p", "t", "fi", ComplianceLabel.Denial, 6).Build();

        var gaps = Build(a, b).LanguageGaps;

        Assert.Equal(4 / 1024.0, gaps.Single(g => g.Model == "a").HolmP, 12);
        Assert.Equal(2 / 64.0, gaps.Single(g => g.Model == "b").HolmP, 12);
        Assert.All(gaps, g => Assert.True(g.Significant));
        var md = AuditKit.Reporting.Exporters.MarkdownExporter.Render(Build(a, b));
        Assert.Contains("0.0039 \\*", md);
        Assert.Contains("across all 2 language-gap tests of this report", md);
    }

    [Fact]
    public void Build_UnclassifiedReasoningAttempts_AreLeftOutOfTheThoughtSuppressionRate()
    {
        var suppressed = new AttemptSignals(ThoughtSuppressed: true, [], [], [], []);
        var run = new SnapshotBuilder("r1", "run-r")
            .Add("p0", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed)
            .Add("p1", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed with { ThoughtSuppressed = false }, reasoning: "Thinking.")
            .Add("p2", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed, unclassified: true)
            .Build();

        var r = Build(run).Reasoning.Single();

        Assert.Equal(2, r.ReasoningAttempts);
        Assert.Equal(0.5, r.ThoughtSuppression.Rate, 9);
    }

    [Fact]
    public void Build_ModelThatNeverReturnedATrace_HasNoThoughtSuppression()
    {
        // An older classify marked every model of an import as suppressing its thoughts once one of them reasoned.
        var suppressed = new AttemptSignals(ThoughtSuppressed: true, [], [], [], []);
        var importRun = new SnapshotBuilder("claude", "run-import").AddMany("p", "tiananmen", "en", ComplianceLabel.Complete, 4).Build();
        var r1 = new SnapshotBuilder("r1", "run-import")
            .Add("p-000", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed with { ThoughtSuppressed = false }, reasoning: "Weighing it.")
            .Add("p-001", "tiananmen", "en", ComplianceLabel.Denial, signals: suppressed).Build();
        var run = importRun with { Attempts = [.. importRun.Attempts.Select(a => a with { Signals = suppressed }), .. r1.Attempts] };

        var s = Build(run);

        var reasoning = Assert.Single(s.Reasoning);
        Assert.Equal("r1", reasoning.Model);
        Assert.Equal(0.5, reasoning.ThoughtSuppression.Rate, 9);
        Assert.All(s.Attempts.Where(a => a.Attempt.Key.Model == "claude"), a => Assert.Null(a.Signals!.ThoughtSuppressed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fallback:plain")]
    public void Build_LocalRunWithoutChatTemplate_WarnsAtTheTop(string? family)
    {
        var run = new SnapshotBuilder("gibberish", "run-g").AddMany("p", "t", "en", ComplianceLabel.Denial, 3).Build();
        run = run with { Manifest = run.Manifest with { Model = run.Manifest.Model with { ChatTemplateFamily = family } } };

        var warning = Assert.Single(Build(run).Warnings, w => w.StartsWith("No chat template", StringComparison.Ordinal));

        Assert.Contains("run-g (gibberish)", warning);
    }

    [Fact]
    public void Build_LocalRunWithChatTemplate_HasNoTemplateOrDegenerateWarning()
    {
        var s = Build(SampleRuns.Base());
        Assert.DoesNotContain(s.Warnings, w => w.StartsWith("No chat template", StringComparison.Ordinal) || w.StartsWith("Degenerate", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_MostlyDegenerateAnswers_WarnsNamingModelLanguageAndKind()
    {
        var b = new SnapshotBuilder("broken", "run-b");
        for (int i = 0; i < 6; i++)
            b.Add($"p{i}", "t", "zh-Hans", ComplianceLabel.Denial,
                response: i < 3 ? string.Concat(Enumerable.Repeat("the the ", 20)) : i < 5 ? "This answer is written in English although the question was asked in Chinese." : "天安门事件发生在一九八九年。");
        b.AddMany("q", "t", "en", ComplianceLabel.Complete, 6);

        var warning = Assert.Single(Build(b.Build()).Warnings, w => w.StartsWith("Degenerate", StringComparison.Ordinal));

        Assert.Contains("broken", warning);
        Assert.Contains("5 of 6 in zh-Hans (3 repetition, 2 wrong script)", warning);
        Assert.DoesNotContain(" in en", warning);
    }

    [Theory]
    [InlineData("Tiananmen Square protests of 1989 were student-led demonstrations in Beijing.", "en", null)]
    [InlineData("1989年天安门广场抗议是以学生为主导的示威活动，持续了数周，最终遭到军队镇压。", "zh-Hans", null)]
    [InlineData("Vuoden 1989 mielenosoitukset Pekingissä päättyivät armeijan väliintuloon ja moniin kuolemiin.", "fi", null)]
    [InlineData("   ", "en", "empty")]
    [InlineData("1989年天安门广场抗议是以学生为主导的示威活动，持续了数周，最终遭到军队镇压。", "en", "wrong script")]
    public void Reason_AnswersInAndOutOfTheirLanguage_FlagsOnlyTheBrokenOnes(string answer, string language, string? expected) =>
        Assert.Equal(expected, DegenerateAnswers.Reason(answer, language));

    [Fact]
    public void Build_Versions_TimelinePerTopicAndLanguageInReleaseOrderWithHolmAdjustedTrend()
    {
        // Given out of order: v3 (2025-06) refuses 8 of 10, v1 (2024-01) 2, v2 (2024-09) 5; same rates in fi.
        var runs = new[] { ("v3", 8), ("v1", 2), ("v2", 5) }.Select(x =>
        {
            var b = new SnapshotBuilder(x.Item1, "run-" + x.Item1);
            foreach (var language in new[] { "en", "fi" })
                for (int i = 0; i < 10; i++) b.Add($"p{i}", "tibet", language, i < x.Item2 ? ComplianceLabel.Denial : ComplianceLabel.Complete);
            return b.Build();
        }).ToArray();
        var policy = ReportPolicy.Default with { Versions = [new("v3", "2025-06"), new("v1", "2024-01"), new("v2", "2024-09")] };

        var s = AuditSummaryBuilder.Build(runs, policy, "t", SnapshotBuilder.Time);

        Assert.Equal(4, s.Timelines.Count); // tibet x (en, fi) x (refused, aligned)
        var en = s.Timelines.Single(t => t.Language == "en" && t.Measure == "refused");
        Assert.Equal(["v1", "v2", "v3"], en.Points.Select(p => p.Model));
        Assert.Equal([0.2, 0.5, 0.8], en.Points.Select(p => p.Rate.Rate));
        Assert.Equal(0.007290358091535644, en.TrendP, 6);
        // Holm over four tests: the two refusal trends share the smallest p (x4, then x3 kept monotone), alignment has none.
        Assert.Equal(4 * 0.007290358091535644, en.HolmP, 6);
        Assert.True(en.Significant);
        Assert.Equal(1.0, s.Timelines.Single(t => t.Language == "en" && t.Measure == "aligned").TrendP);
        var md = AuditKit.Reporting.Exporters.MarkdownExporter.Render(s);
        Assert.Contains("## Across model versions", md);
        Assert.Contains("| tibet | en | refused | 20.0% [", md);
    }

    [Fact]
    public void Build_NoVersions_NoTimeline() => Assert.Empty(Build(SampleRuns.Base()).Timelines);
}
