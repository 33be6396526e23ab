using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Summaries;

/// <summary>The upper-case label names reports and CSV files use (SpeechMap's spelling: COMPLETE, EVASIVE, DENIAL).</summary>
public static class LabelNames
{
    public static string Of(ComplianceLabel label) => label switch
    {
        ComplianceLabel.Complete => "COMPLETE",
        ComplianceLabel.Evasive => "EVASIVE",
        ComplianceLabel.Denial => "DENIAL",
        ComplianceLabel.Error => "ERROR",
        _ => label.ToString().ToUpperInvariant(),
    };

    public static string Of(NarrativeLabel label) => label switch
    {
        NarrativeLabel.Aligned => "ALIGNED",
        NarrativeLabel.Critical => "CRITICAL",
        NarrativeLabel.Balanced => "BALANCED",
        NarrativeLabel.None => "NONE",
        _ => label.ToString().ToUpperInvariant(),
    };
}
