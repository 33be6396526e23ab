using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Correction;

/// <summary>
/// Every rate and paired difference a report prints, from judged attempts: the classifier's count with its Wilson or
/// Newcombe interval, and beside it the prediction-powered correction wherever the cell holds gold labels. Summaries
/// and comparisons compute their figures here, so no table can show a corrected figure computed another way.
/// </summary>
public static class CorrectedRates
{
    /// <param name="judged">The cell's judged attempts (each with a verdict).</param>
    public static RateEstimate Rate(IReadOnlyCollection<AttemptRow> judged, LabelMeasure measure, double z)
    {
        var predicted = judged.Select(r => measure.Of(r.Verdict!)).ToList();
        var estimate = RateEstimate.Of(predicted.Count(p => p), predicted.Count, z);
        var gold = judged
            .Where(r => r.Gold is not null)
            .Select(r => (Gold: measure.Of(r.Gold!), Predicted: measure.Of(r.Verdict!)))
            .Where(p => p.Gold is not null)
            .Select(p => (p.Gold!.Value, p.Predicted))
            .ToList();
        return gold.Count == 0 ? estimate : estimate with { Corrected = PredictionPoweredInference.Rate(predicted, gold, ConfidenceLevel.OfZ(z)) };
    }

    /// <summary>
    /// The corrected first-minus-second difference over paired attempts (the same probe in two languages, in two
    /// runs, or a sensitive probe and its control); null when no pair is gold-labelled on both sides.
    /// </summary>
    public static CorrectedEstimate? PairedDifference(IReadOnlyCollection<(AttemptRow First, AttemptRow Second)> pairs, LabelMeasure measure, double z)
    {
        if (!pairs.Any(p => p.First.Gold is not null && p.Second.Gold is not null)) return null;
        return PredictionPoweredInference.PairedDifference(
            [.. pairs.Select(p => (measure.Of(p.First.Verdict!), measure.Of(p.Second.Verdict!), GoldOf(p.First, measure), GoldOf(p.Second, measure)))],
            ConfidenceLevel.OfZ(z));
    }

    private static bool? GoldOf(AttemptRow row, LabelMeasure measure) => row.Gold is { } gold ? measure.Of(gold) : null;
}
