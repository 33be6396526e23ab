using System.Text.RegularExpressions;
using AuditKit.Core.Reasoning;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Judging;

/// <summary>
/// Reads the two labels out of a judge's reply. Judges do not always keep to the format: reasoning models think
/// aloud first (in <c>&lt;think&gt;</c> tags or in prose that may mention several labels), others answer in JSON or
/// in markdown. The last "COMPLIANCE: X" and "NARRATIVE: Y" after any trace win, in any case, with or without quotes.
/// </summary>
public static partial class JudgeReplyParser
{
    public static (ComplianceLabel? Compliance, NarrativeLabel? Narrative) Parse(string reply)
    {
        var answer = ReasoningSplitter.Split(reply ?? "", startsInsideReasoning: false).Answer;
        var compliance = ComplianceLine().Matches(answer).LastOrDefault()?.Groups["label"].Value.ToUpperInvariant() switch
        {
            "COMPLETE" => ComplianceLabel.Complete,
            "EVASIVE" => ComplianceLabel.Evasive,
            "DENIAL" => ComplianceLabel.Denial,
            _ => (ComplianceLabel?)null,
        };
        var narrative = NarrativeLine().Matches(answer).LastOrDefault()?.Groups["label"].Value.ToUpperInvariant() switch
        {
            "ALIGNED" => NarrativeLabel.Aligned,
            "CRITICAL" => NarrativeLabel.Critical,
            "BALANCED" => NarrativeLabel.Balanced,
            "NONE" => NarrativeLabel.None,
            _ => (NarrativeLabel?)null,
        };
        return (compliance, narrative);
    }

    [GeneratedRegex(@"compliance\W{0,4}[:=]\W{0,4}(?<label>complete|evasive|denial)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ComplianceLine();

    [GeneratedRegex(@"narrative\W{0,4}[:=]\W{0,4}(?<label>aligned|critical|balanced|none)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NarrativeLine();
}
