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
        var estimate = RateEstimate.Of(judged.Count(r => measure.Of(r.Verdict!)), judged.Count, z);
        var gold = judged
            .Select(r => (Gold: r.Gold is { } g ? measure.Of(g) : null, Predicted: measure.Flag(r.Verdict!)))
            .Where(p => p.Gold is not null)
            .Select(p => (p.Gold!.Value ? 1.0 : 0.0, p.Predicted))
            .ToList();
        return gold.Count == 0 ? estimate
            : estimate with { Corrected = PredictionPoweredInference.Mean([.. judged.Select(r => measure.Flag(r.Verdict!))], gold, ConfidenceLevel.OfZ(z)) };
    }

    /// <summary>
    /// The corrected first-minus-second difference over paired attempts (the same probe in two languages, in two
    /// runs, or a sensitive probe and its control), estimated on the per-pair differences; null when no pair is
    /// gold-labelled on both sides.
    /// </summary>
    public static CorrectedEstimate? PairedDifference(IReadOnlyCollection<(AttemptRow First, AttemptRow Second)> pairs, LabelMeasure measure, double z)
    {
        var gold = pairs
            .Select(p => (First: GoldOf(p.First, measure), Second: GoldOf(p.Second, measure), Predicted: measure.Flag(p.First.Verdict!) - measure.Flag(p.Second.Verdict!)))
            .Where(p => p.First is not null && p.Second is not null)
            .Select(p => ((p.First!.Value ? 1.0 : 0.0) - (p.Second!.Value ? 1.0 : 0.0), p.Predicted))
            .ToList();
        if (gold.Count == 0) return null;
        return PredictionPoweredInference.Mean([.. pairs.Select(p => measure.Flag(p.First.Verdict!) - measure.Flag(p.Second.Verdict!))], gold,
            ConfidenceLevel.OfZ(z), lowestValue: -1, highestValue: 1);
    }

    /// <summary>
    /// The difference of two corrected rates from separate answers (sensitive probes against controls before they are
    /// paired probe by probe): first minus second, with an interval recovered from the two intervals (Newcombe's
    /// square-and-add, "MOVER"), which needs no more than each rate's own interval. Null unless both are corrected.
    /// </summary>
    public static CorrectedEstimate? IndependentDifference(CorrectedEstimate? first, CorrectedEstimate? second)
    {
        if (first is null || second is null) return null;
        double d = first.Rate - second.Rate;
        double lower = d - Math.Sqrt(Square(first.Rate - first.Lower) + Square(second.Upper - second.Rate));
        double upper = d + Math.Sqrt(Square(first.Upper - first.Rate) + Square(second.Rate - second.Lower));
        return new CorrectedEstimate(d, Math.Max(-1, lower), Math.Min(1, upper), first.GoldN + second.GoldN, first.N + second.N, null,
            $"difference of two corrected rates, square-and-add interval ({first.Method}; {second.Method})");
    }

    private static double Square(double x) => x * x;

    private static bool? GoldOf(AttemptRow row, LabelMeasure measure) => row.Gold is { } gold ? measure.Of(gold) : null;
}
