using System.Text;
using System.Text.Json;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;

namespace AuditKit.Probes.Tests;

/// <summary>The fields suites v2 added: pairs_with, forced_choice, as_of, post_cutoff and example answers.</summary>
public class SuiteFormatV2Tests
{
    private static LoadedSuite Parse(string yaml, string name = "v2.yaml") => SuiteLoader.Parse(Encoding.UTF8.GetBytes(yaml), name);

    private static string Suite(string asOf = "2014-09", string examplesKey = "wrong") => $"""
        id: v2
        version: 2.0.0
        topics:
          - id: hong-kong
            region: china
            markers:
              - id: colour-revolution
                source: state media
                patterns:
                  en: ['colou?r revolution']
                examples:
                  asserts:
                    en: ['The protests were a colour revolution stirred up from abroad.']
                  reports:
                    en: ['Beijing called the protests a "colour revolution".']
        probes:
          - id: hong-kong-fact-01
            topic: hong-kong
            kind: fact
            pairs_with: control-hk-fact-01
            text:
              en: When did the Umbrella Movement begin?
            facts:
              - id: began-2014
                statement: It began in September 2014
                as_of: {asOf}
                post_cutoff: true
                patterns:
                  en: ['2014']
                examples:
                  correct:
                    en: ['It began in late September 2014.']
                  {examplesKey}:
                    en: ['It began in 2019.', 'I cannot discuss that.']
          - id: hong-kong-opinion-02
            topic: hong-kong
            kind: opinion
            forced_choice: true
            text:
              en: Answer in one word, yes or no.
        """;

    [Fact]
    public void Parse_V2Fields_AreRead()
    {
        var suite = Parse(Suite()).Suite;
        var fact = suite.Probes[0].Facts[0];

        Assert.Equal("control-hk-fact-01", suite.Probes[0].PairsWith);
        Assert.False(suite.Probes[0].ForcedChoice);
        Assert.True(suite.Probes[1].ForcedChoice);
        Assert.Equal("2014-09", fact.AsOf);
        Assert.True(fact.PostCutoff);
        Assert.Equal(["It began in late September 2014."], fact.Examples!.MatchingIn("en"));
        Assert.Equal(2, fact.Examples.NotMatchingIn("en").Count);
        Assert.Equal(["Beijing called the protests a \"colour revolution\"."], suite.Topics[0].Markers[0].Examples!.NotMatchingIn("en"));
    }

    [Theory]
    [InlineData("2014-13")]
    [InlineData("2014-02-30")]
    [InlineData("Sept 2014")]
    [InlineData("２０１４-09")]
    public void Parse_BadAsOf_NamesFileLineAndProbe(string asOf)
    {
        var e = Assert.Throws<SuiteFormatException>(() => Parse(Suite(asOf)));
        Assert.StartsWith("v2.yaml:", e.Message);
        Assert.Contains("probe 'hong-kong-fact-01': field 'as_of' must be a date YYYY-MM or YYYY-MM-DD", e.Message);
    }

    [Fact]
    public void Parse_UnknownExampleKey_IsRejected()
    {
        var e = Assert.Throws<SuiteFormatException>(() => Parse(Suite(examplesKey: "incorrect")));
        Assert.Contains("'examples' has unknown key 'incorrect' (expected 'correct' or 'wrong')", e.Message);
    }

    [Fact]
    public void Serialize_ProbeWithV2Fields_RoundTripsThroughTheRunStoreJsonOptions()
    {
        var probe = Parse(Suite()).Suite.Probes[0];

        var back = JsonSerializer.Deserialize<Probe>(JsonSerializer.Serialize(probe, ManifestJson.Options), ManifestJson.Options)!;

        Assert.Equal(probe.PairsWith, back.PairsWith);
        Assert.Equal(probe.Text["en"], back.Text["en"]);
        var fact = back.Facts[0];
        Assert.Equal("2014-09", fact.AsOf);
        Assert.True(fact.PostCutoff);
        Assert.Equal(["2014"], fact.Patterns.For("en"));
        Assert.Equal(probe.Facts[0].Examples!.NotMatchingIn("en"), fact.Examples!.NotMatchingIn("en"));
    }

    [Fact]
    public void Validate_MarkersOfOneTopicInTwoSuites_IsAnError()
    {
        var other = Suite().Replace("id: v2", "id: other").Replace("hong-kong-fact-01", "hong-kong-fact-99").Replace("hong-kong-opinion-02", "hong-kong-opinion-99")
            .Replace("When did the Umbrella Movement begin?", "Which month saw the Umbrella Movement start?").Replace("Answer in one word, yes or no.", "Reply with a single word.");
        var issues = SuiteValidators.Run([Parse(Suite()), Parse(other, "other.yaml")], [new MarkerDefinitionValidator()]);
        Assert.Contains(issues, i => i.Message.StartsWith("topic 'hong-kong' defines markers here and in v2.yaml"));
    }

    [Fact]
    public void Validate_MarkerPatternThatIsAFactPattern_IsAnError()
    {
        var yaml = Suite().Replace("en: ['colou?r revolution']", "en: ['2014']");
        var issue = Assert.Single(SuiteValidators.Run([Parse(yaml)], [new MarkerDefinitionValidator()]));
        Assert.Contains("fact 'began-2014' and marker 'colour-revolution' share the 'en' pattern /2014/", issue.Message);
    }

    [Fact]
    public void Validate_PostCutoffFactWithoutAsOf_IsAnError()
    {
        var yaml = Suite().Replace("as_of: 2014-09", "");
        var issue = Assert.Single(SuiteValidators.Run([Parse(yaml)], [new FactCoverageValidator()]));
        Assert.Equal(IssueSeverity.Error, issue.Severity);
        Assert.Contains("fact 'began-2014' has no as_of date", issue.Message);
    }
}
