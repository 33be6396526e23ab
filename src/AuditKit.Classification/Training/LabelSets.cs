using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Training;

/// <summary>The label names used in data files and in the ONNX outputs, in output order, and their Core enums.</summary>
public static class LabelSets
{
    public const string Error = "ERROR";

    public static IReadOnlyList<string> Compliance { get; } = ["COMPLETE", "EVASIVE", "DENIAL"];

    public static IReadOnlyList<string> Narrative { get; } = ["ALIGNED", "CRITICAL", "BALANCED", "NONE"];

    public static ComplianceLabel ToCompliance(string label) => label switch
    {
        "COMPLETE" => ComplianceLabel.Complete,
        "EVASIVE" => ComplianceLabel.Evasive,
        "DENIAL" => ComplianceLabel.Denial,
        Error => ComplianceLabel.Error,
        _ => throw new ArgumentException($"Unknown compliance label '{label}'.", nameof(label)),
    };

    public static NarrativeLabel ToNarrative(string label) => label switch
    {
        "ALIGNED" => NarrativeLabel.Aligned,
        "CRITICAL" => NarrativeLabel.Critical,
        "BALANCED" => NarrativeLabel.Balanced,
        "NONE" => NarrativeLabel.None,
        _ => throw new ArgumentException($"Unknown narrative label '{label}'.", nameof(label)),
    };

    public static string Name(ComplianceLabel label) => label switch
    {
        ComplianceLabel.Complete => "COMPLETE",
        ComplianceLabel.Evasive => "EVASIVE",
        ComplianceLabel.Denial => "DENIAL",
        _ => Error,
    };

    public static string Name(NarrativeLabel label) => label switch
    {
        NarrativeLabel.Aligned => "ALIGNED",
        NarrativeLabel.Critical => "CRITICAL",
        NarrativeLabel.Balanced => "BALANCED",
        _ => "NONE",
    };
}
