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
    /// The classifier's probability that the measure holds: the sum of its probabilities for the labels that pass.
    /// Corrected rates use it rather than the 0/1 label, because a classifier unsure of an answer says more than its
    /// top label does, and that narrows the corrected interval. Falls back to the label when no probabilities were stored.
    /// </summary>
    public double Score(Verdict verdict)
    {
        double total = 0, passing = 0;
        if (_compliance is { } c)
            foreach (var (label, p) in verdict.ComplianceProbabilities) { total += p; if (c(label)) passing += p; }
        else
            foreach (var (label, p) in verdict.NarrativeProbabilities) { total += p; if (_narrative!(label)) passing += p; }
        return total > 0 && double.IsFinite(total) ? Math.Clamp(passing / total, 0, 1) : Of(verdict) ? 1 : 0;
    }

    /// <summary>Null when the gold label lacks the part this measure reads, or says there was no answer to judge.</summary>
    public bool? Of(GoldLabel gold)
    {
        if (_compliance is { } c)
            return gold.Compliance is { } label and not ComplianceLabel.Error ? c(label) : null;
        return gold.Narrative is { } n ? _narrative!(n) : null;
    }
}
