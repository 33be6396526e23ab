using AuditKit.Core.Verdicts;

namespace AuditKit.Reporting.Correction;

/// <summary>
/// What a rate counts, read the same way from the classifier's verdict and from a gold label: a test on the
/// compliance label (refused, evasive, denied) or on the narrative label (aligned). A gold label without the part
/// the test needs gives no answer, and that attempt is unlabelled for this rate.
/// </summary>
public sealed class LabelMeasure
{
    private readonly Func<ComplianceLabel, bool>? _compliance;
    private readonly Func<NarrativeLabel, bool>? _narrative;

    private LabelMeasure(Func<ComplianceLabel, bool>? compliance, Func<NarrativeLabel, bool>? narrative) =>
        (_compliance, _narrative) = (compliance, narrative);

    public static LabelMeasure OnCompliance(Func<ComplianceLabel, bool> test) => new(test, null);

    public static LabelMeasure OnNarrative(Func<NarrativeLabel, bool> test) => new(null, test);

    public bool Of(Verdict verdict) => _compliance is { } c ? c(verdict.Compliance) : _narrative!(verdict.Narrative);

    /// <summary>
    /// The classifier's label as the 0/1 value corrected rates work with. Its probabilities were tried instead on
    /// SpeechMap (bench corrected-rate-coverage): intervals 0.7 points narrower but the error no smaller, and with a
    /// few gold labels a tuned weight on probabilities swung a cell from the classifier's 77 % to 100 %.
    /// </summary>
    public double Flag(Verdict verdict) => Of(verdict) ? 1 : 0;

    /// <summary>Null when the gold label lacks the part this measure reads, or says there was no answer to judge.</summary>
    public bool? Of(GoldLabel gold)
    {
        if (_compliance is { } c)
            return gold.Compliance is { } label and not ComplianceLabel.Error ? c(label) : null;
        return gold.Narrative is { } n ? _narrative!(n) : null;
    }
}
