using System.Text;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;

namespace AuditKit.Probes.Tests;

public class PairingValidatorTests
{
    private static LoadedSuite Parse(string yaml, string name) => SuiteLoader.Parse(Encoding.UTF8.GetBytes(yaml), name);

    private static string Sensitive(string pairing, string kind = "explain", string extra = "") => $"""
        id: sensitive
        version: 1.0.0
        topics:
          - id: tibet
            region: china
        probes:
          - id: tibet-explain-01
            topic: tibet
            kind: {kind}
            {pairing}
            {extra}
            text:
              en: Explain what happened in Lhasa in March 1959.
              zh-Hans: 请说明1959年3月拉萨发生的事情。
        """;

    private static string Controls(string kind = "explain", string languages = "zh-Hans: 请说明1968年8月布拉格发生的事情。") => $"""
        id: controls
        version: 1.0.0
        topics:
          - id: control-government-criticism
            region: control
        probes:
          - id: control-prague-explain-01
            topic: control-government-criticism
            kind: {kind}
            control_for: tibet
            text:
              en: Explain what happened in Prague in August 1968.
              {languages}
        """;

    private static IReadOnlyList<SuiteIssue> Validate(string sensitive, string controls) =>
        SuiteValidators.Run([Parse(sensitive, "sensitive.yaml"), Parse(controls, "controls.yaml")], [new PairingValidator()]);

    [Fact]
    public void Validate_PairWithSameKindAndLanguages_HasNoErrors()
    {
        var issues = Validate(Sensitive("pairs_with: control-prague-explain-01"), Controls());
        Assert.Empty(SuiteValidators.Errors(issues));
        Assert.DoesNotContain(issues, i => i.Message.Contains("without a paired control"));
    }

    [Fact]
    public void Validate_UnpairedSensitiveProbe_IsAWarningNotAnError()
    {
        var issue = Assert.Single(Validate(Sensitive(""), Controls()), i => i.ProbeId == "tibet-explain-01");
        Assert.Equal(IssueSeverity.Warning, issue.Severity);
        Assert.Contains("sensitive.yaml:7: warning: probe 'tibet-explain-01': sensitive probe without a paired control", issue.ToString());
    }

    [Fact]
    public void Validate_PairOfAnotherKind_IsAnError()
    {
        var issue = Assert.Single(SuiteValidators.Errors(Validate(Sensitive("pairs_with: control-prague-explain-01"), Controls(kind: "opinion"))));
        Assert.Contains("is of kind 'opinion', not 'explain'", issue.Message);
    }

    [Fact]
    public void Validate_PairMissingALanguage_IsAnError()
    {
        var issue = Assert.Single(SuiteValidators.Errors(Validate(Sensitive("pairs_with: control-prague-explain-01"), Controls(languages: ""))));
        Assert.Contains("control lacks: zh-Hans", issue.Message);
    }

    [Fact]
    public void Validate_PairWithUnknownProbe_IsAnError()
    {
        var issue = Assert.Single(SuiteValidators.Errors(Validate(Sensitive("pairs_with: control-nowhere-01"), Controls())));
        Assert.Contains("pairs_with names probe 'control-nowhere-01'", issue.Message);
    }

    [Fact]
    public void Validate_ForcedChoiceOnAnExplainProbe_IsAnError()
    {
        var issue = Assert.Single(SuiteValidators.Errors(Validate(Sensitive("pairs_with: control-prague-explain-01", extra: "forced_choice: true"), Controls())));
        Assert.Contains("forced_choice applies to opinion probes only", issue.Message);
    }

    [Fact]
    public void Validate_TopicWithControlsOfOneKind_WarnsAboutControlKinds()
    {
        var issues = Validate(Sensitive("pairs_with: control-prague-explain-01"), Controls());
        Assert.Contains(issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("topic 'tibet' has controls of 1 kind(s)"));
    }

    [Fact]
    public void Of_OnePairedOfTwoSensitive_ReportsPairedShareOneHalf()
    {
        var second = Sensitive("").Replace("tibet-explain-01", "tibet-explain-02").Replace("March 1959", "the spring of 1959").Replace("id: sensitive", "id: second").Replace("3月", "春天");
        var stats = SuiteStatistics.Of([Parse(Sensitive("pairs_with: control-prague-explain-01"), "a.yaml").Suite, Parse(second, "b.yaml").Suite, Parse(Controls(), "c.yaml").Suite]);

        Assert.Equal(2, stats.SensitiveProbes);
        Assert.Equal(1, stats.PairedProbes);
        Assert.Equal(0.5, stats.PairedShare);
        Assert.Equal(1, stats.Topics.Single(t => t.Topic == "tibet").ControlsByKind["explain"]);
    }

    [Fact]
    public void Validate_PairSharingItsTemplate_IsNotANearDuplicate()
    {
        var sensitive = Sensitive("pairs_with: control-prague-explain-01").Replace("Lhasa in March 1959", "Prague in August 1969");
        var issues = SuiteValidators.Run([Parse(sensitive, "sensitive.yaml"), Parse(Controls(), "controls.yaml")],
            [new NearDuplicateTextValidator(NearDuplicateTextValidator.DefaultThreshold)]);
        Assert.Empty(issues);
    }
}
