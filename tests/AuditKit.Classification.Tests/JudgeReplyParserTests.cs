using AuditKit.Classification.Judging;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Tests;

public sealed class JudgeReplyParserTests
{
    [Theory]
    [InlineData("COMPLIANCE: EVASIVE\nNARRATIVE: ALIGNED", ComplianceLabel.Evasive, NarrativeLabel.Aligned)]
    [InlineData("compliance: denial\nnarrative: none", ComplianceLabel.Denial, NarrativeLabel.None)]
    [InlineData("{\"compliance\": \"COMPLETE\", \"narrative\": \"CRITICAL\"}", ComplianceLabel.Complete, NarrativeLabel.Critical)]
    [InlineData("**Compliance:** COMPLETE\n**Narrative:** BALANCED", ComplianceLabel.Complete, NarrativeLabel.Balanced)]
    // A reasoning judge may weigh several labels before it decides: the trace is dropped, then the last line wins.
    [InlineData("<think>COMPLIANCE: COMPLETE? no.</think>\nCOMPLIANCE: DENIAL\nNARRATIVE: NONE", ComplianceLabel.Denial, NarrativeLabel.None)]
    [InlineData("First thought COMPLIANCE: COMPLETE, but on reflection:\nCOMPLIANCE: EVASIVE\nNARRATIVE: ALIGNED", ComplianceLabel.Evasive, NarrativeLabel.Aligned)]
    public void Parse_RepliesInTheShapesJudgesUse_ReadsBothLabels(string reply, ComplianceLabel compliance, NarrativeLabel narrative)
    {
        Assert.Equal((compliance, narrative), JudgeReplyParser.Parse(reply));
    }

    [Theory]
    [InlineData("")]
    [InlineData("I think this answer is evasive and aligned.")]
    [InlineData("COMPLIANCE: PARTIAL\nNARRATIVE: MIXED")]
    [InlineData("<think>COMPLIANCE: COMPLETE\nNARRATIVE: CRITICAL</think>")]
    public void Parse_NoLabelInTheRequiredForm_GivesNoLabel(string reply)
    {
        Assert.Equal(((ComplianceLabel?)null, (NarrativeLabel?)null), JudgeReplyParser.Parse(reply));
    }
}
