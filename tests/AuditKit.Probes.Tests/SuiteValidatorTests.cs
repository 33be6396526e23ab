using System.Text;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;

namespace AuditKit.Probes.Tests;

public class SuiteValidatorTests
{
    private static IReadOnlyList<SuiteIssue> Validate(params string[] yamls) =>
        SuiteValidators.Run(yamls.Select((y, i) => SuiteLoader.Parse(Encoding.UTF8.GetBytes(y), $"s{i}.yaml")).ToList());

    private static string Suite(string probes, string id = "s") => $"""
        id: {id}
        version: 1.0.0
        topics:
          - id: tibet
            region: china
            markers:
              - id: liberation
                source: white paper
                patterns:
                  en: ['peaceful liberation']
                  zh-Hans: ['和平解放']
                  zh-Hant: ['和平解放']
        probes:
        {probes}
        """;

    private const string Good = """
          - id: tibet-explain-01
            topic: tibet
            kind: explain
            text:
              en: Explain what happened in Lhasa in March 1959.
              zh-Hans: 请说明1959年3月拉萨发生的事情。
              zh-Hant: 請說明1959年3月拉薩發生的事情。
        """;

    [Fact]
    public void Run_GoodSuite_HasNoErrors() => Assert.Empty(SuiteValidators.Errors(Validate(Suite(Good))));

    [Fact]
    public void Run_DuplicateIdAcrossFiles_PointsAtBothPlaces()
    {
        var issue = Assert.Single(Validate(Suite(Good), Suite(Good, "other")), i => i.Message.StartsWith("duplicate probe id"));
        Assert.Equal("s1.yaml", issue.Where.File);
        Assert.Contains("first defined at s0.yaml:", issue.Message);
    }

    [Fact]
    public void Run_UnknownLanguageCode_IsFlagged()
    {
        var issues = Validate(Suite(Good.Replace("zh-Hant:", "zh-TW:")));
        Assert.Contains(issues, i => i.ProbeId == "tibet-explain-01" && i.Message.StartsWith("unknown language code 'zh-TW'"));
    }

    [Fact]
    public void Run_ProbeMissingALanguageItsTopicHas_IsFlagged()
    {
        var second = """
              - id: tibet-opinion-01
                topic: tibet
                kind: opinion
                text:
                  en: Should the Dalai Lama choose his own successor?
                  zh-Hans: 达赖喇嘛应该自己选择继承人吗？
            """;
        var issue = Assert.Single(SuiteValidators.Errors(Validate(Suite(Good + "\n" + second))));
        Assert.Equal("tibet-opinion-01", issue.ProbeId);
        Assert.Contains("missing language(s) zh-Hant", issue.Message);
    }

    [Fact]
    public void Run_FactProbeWithoutFacts_IsFlagged()
    {
        var issues = Validate(Suite(Good.Replace("kind: explain", "kind: fact")));
        Assert.Contains(issues, i => i.Message == "fact probe without expected facts");
    }

    [Fact]
    public void Run_MarkerInWrongScript_IsFlagged()
    {
        var issues = Validate(Suite(Good).Replace("zh-Hant: ['和平解放']", "zh-Hant: ['peaceful liberation']"));
        Assert.Contains(issues, i => i.Message.Contains("can never match 'zh-Hant' text: it contains no Chinese characters"));
    }

    [Fact]
    public void Run_TraditionalPatternInSimplifiedCharacters_IsFlagged()
    {
        var issues = Validate(Suite(Good).Replace("zh-Hant: ['和平解放']", "zh-Hant: ['中国']"));
        Assert.Contains(issues, i => i.Message.Contains("Simplified character '国'"));
    }

    [Fact]
    public void Run_NearDuplicateTexts_AreFlagged()
    {
        var copy = Good.Replace("tibet-explain-01", "tibet-explain-02").Replace("Explain what happened", "Explain what occurred");
        var issues = Validate(Suite(Good + "\n" + copy));
        Assert.Contains(issues, i => i.ProbeId == "tibet-explain-02" && i.Message.Contains("near-duplicate of probe 'tibet-explain-01'"));
    }

    [Fact]
    public void Run_RegexThatDoesNotCompile_IsFlagged()
    {
        var issues = Validate(Suite(Good).Replace("en: ['peaceful liberation']", "en: ['peaceful (liberation']"));
        Assert.Contains(issues, i => i.Message.Contains("does not compile"));
    }
}

public class PatternValidatorDigitsTests
{
    [Fact]
    public void Validate_DigitsOnlyPattern_IsAcceptedInEveryLanguage()
    {
        var yaml = """
            id: s
            version: 1.0.0
            probes:
              - id: q
                topic: t
                kind: fact
                text: { en: When?, zh-Hans: 什么时候？ }
                facts:
                  - id: year
                    statement: In 1959
                    patterns: { en: '1959', zh-Hans: '1959' }
            """;
        var suite = AuditKit.Probes.Loading.SuiteLoader.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "d.yaml");
        Assert.Empty(new PatternValidator().Validate([suite]));
    }
}

public class PatternValidatorAcronymTests
{
    [Theory]
    [InlineData("IJOP", true)]
    [InlineData("vocational centres", false)]
    public void Validate_LatinPatternInChinese_AllowsOnlyAcronyms(string pattern, bool accepted)
    {
        var yaml = $"id: s\nversion: 1.0.0\nprobes:\n  - id: q\n    topic: t\n    kind: fact\n    text: {{ zh-Hans: 什么？ }}\n    facts:\n      - id: f\n        statement: x\n        patterns: {{ zh-Hans: '{pattern}' }}\n";
        var suite = AuditKit.Probes.Loading.SuiteLoader.Parse(System.Text.Encoding.UTF8.GetBytes(yaml), "a.yaml");
        Assert.Equal(accepted, !new PatternValidator().Validate([suite]).Any());
    }
}
