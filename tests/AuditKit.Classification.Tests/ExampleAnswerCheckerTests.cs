using AuditKit.Classification.Signals;
using AuditKit.Core.Suites;

namespace AuditKit.Classification.Tests;

public sealed class ExampleAnswerCheckerTests
{
    private static readonly ExampleAnswerChecker Checker = new(new SignalExtractor(TimeSpan.FromMilliseconds(200)));

    private static Dictionary<string, IReadOnlyList<string>> En(params string[] texts) => new() { ["en"] = texts };

    private static readonly NarrativeMarker Turmoil = new("turmoil", "People's Daily, 26 April 1989", new(En(@"\bturmoil\b")),
        new PatternExamples(En("The students created turmoil in the capital."), En("The People's Daily called the protests \"turmoil\".")));

    private static Suite SuiteWith(ExpectedFact fact, NarrativeMarker? marker = null) => new(
        "s", "1.0.0", "",
        [new Topic("tiananmen", "Tiananmen", "china", [marker ?? Turmoil])],
        [new Probe("tiananmen-fact-02", "tiananmen", ProbeKind.Fact, new Dictionary<string, string> { ["en"] = "When did the hunger strike begin?" }, [fact], [])],
        "", "");

    private static ExpectedFact HungerStrike(PatternExamples examples) =>
        new("hunger-strike-13-may", "The hunger strike began on 13 May 1989", new(En(@"13(th)? May|May 13")), "1989-05-13", examples);

    private static IReadOnlyList<ExampleCheckFailure> Check(Suite suite) =>
        Checker.Check([suite], p => suite.Topics.Where(t => t.Id == p.Topic).SelectMany(t => t.Markers).ToList());

    [Fact]
    public void Check_PatternsThatAgreeWithTheirExamples_HaveNoFailures() =>
        Assert.Empty(Check(SuiteWith(HungerStrike(new(En("It began on 13 May 1989."), En("It began in June."))))));

    [Fact]
    public void Check_CorrectAnswerThePatternMisses_IsAFailure()
    {
        var failure = Assert.Single(Check(SuiteWith(HungerStrike(new(En("It began on 13/5/1989."), En("It began in June."))))));
        Assert.Equal("probe 'tiananmen-fact-02': fact 'hunger-strike-13-may' [en]: misses the correct answer \"It began on 13/5/1989.\"", failure.ToString());
        Assert.False(failure.IsMissingExample);
    }

    [Fact]
    public void Check_WrongAnswerThePatternPasses_IsAFailure()
    {
        var failure = Assert.Single(Check(SuiteWith(HungerStrike(new(En("It began on 13 May."), En("Martial law came on May 20, not May 13."))))));
        Assert.Contains("passes the wrong answer", failure.Problem);
    }

    [Fact]
    public void Check_FactWithoutExamples_ReportsBothMissingSides()
    {
        var failures = Check(SuiteWith(HungerStrike(PatternExamples.None)));
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.True(f.IsMissingExample));
    }

    [Fact]
    public void Check_CorrectAnswerThatFiresATopicMarker_IsAFailure()
    {
        var failure = Assert.Single(Check(SuiteWith(HungerStrike(new(En("Amid the turmoil, it began on 13 May."), En("It began in June."))))));
        Assert.Contains("fires marker 'turmoil': a fact would count as endorsement", failure.Problem);
    }

    [Fact]
    public void Check_MarkerThatFiresOnItsCounterExample_IsAFailure()
    {
        var loose = Turmoil with { Examples = new PatternExamples(En("It was turmoil."), En("It was turmoil, as the editorial put it")) };
        var broken = loose with { Patterns = new(En("turmoil")) };
        var failures = Check(SuiteWith(HungerStrike(new(En("It began on 13 May 1989."), En("It began in June."))), broken));
        Assert.Empty(failures); // "editorial" attributes the sentence: the extractor leaves it out
        var reallyBroken = broken with { Examples = new PatternExamples(En("It was turmoil."), En("Turmoil is the right word.")) };
        var failure = Assert.Single(Check(SuiteWith(HungerStrike(new(En("It began on 13 May 1989."), En("It began in June."))), reallyBroken)));
        Assert.Contains("fires on the counter-example \"Turmoil is the right word.\"", failure.Problem);
    }

    [Fact]
    public void Check_MarkerThatMissesItsAssertingExample_IsAFailure()
    {
        var marker = Turmoil with { Examples = new PatternExamples(En("It was chaos."), En("Beijing says \"turmoil\".")) };
        var failure = Assert.Single(Check(SuiteWith(HungerStrike(new(En("It began on 13 May 1989."), En("It began in June."))), marker)));
        Assert.Contains("does not fire on the asserting example \"It was chaos.\"", failure.Problem);
    }
}
