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
    public void Build_TwoRunsUnderOneModelName_PairLanguagesWithinEachRun()
    {
        // Run 1 refuses in English only; run 2 answers in both. Pairing across runs would match run 2's English
        // with run 1's Chinese (or overwrite one run with the other) and lose the ten discordant pairs.
        var first = new SnapshotBuilder("m", "run-1").AddMany("p", "tiananmen", "en", ComplianceLabel.Denial, 10)
            .AddMany("p", "tiananmen", "zh-Hans", ComplianceLabel.Complete, 10).Build();
        var second = new SnapshotBuilder("m", "run-2").AddMany("p", "tiananmen", "en", ComplianceLabel.Complete, 10)
            .AddMany("p", "tiananmen", "zh-Hans", ComplianceLabel.Complete, 10).Build();

        var gap = Build(first, second).LanguageGaps.Single(g => g.Pair == new LanguagePair("en", "zh-Hans"));

        Assert.Equal(20, gap.Pairs);
        Assert.Equal(0.5, gap.FirstRefusal.Rate, 9);
        Assert.Equal(0.0, gap.SecondRefusal.Rate, 9);
    }

    [Fact]
    public void Build_UnclassifiedReasoningAttempts_AreLeftOutOfTheThoughtSuppressionRate()
    {
        var suppressed = new AttemptSignals(ThoughtSuppressed: true, [], [], [], []);
        var run = new SnapshotBuilder("r1", "run-r")
            .Add("p0", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed)
            .Add("p1", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed with { ThoughtSuppressed = false })
            .Add("p2", "tiananmen", "en", ComplianceLabel.Complete, signals: suppressed, unclassified: true)
            .Build();

        var r = Build(run).Reasoning.Single();

        Assert.Equal(2, r.ReasoningAttempts);
        Assert.Equal(0.5, r.ThoughtSuppression.Rate, 9);
    }
}
