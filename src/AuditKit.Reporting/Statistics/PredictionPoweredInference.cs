using System.Globalization;

namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Corrects a classifier-counted rate with a gold-labelled sample: prediction-powered inference (Angelopoulos et al.,
/// "Prediction-powered inference", Science 382, 2023) with PPI++ power tuning (Angelopoulos, Duchi &amp; Zrnic 2023,
/// arXiv 2311.01453), in its finite-population form. The classifier's errors are not random (it under-counts
/// refusals), so its raw rate is biased; the gold labels estimate that bias and remove it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Estimator.</b> A cell holds N classified answers with classifier value F; a uniform random sample of n of them,
/// drawn without replacement, also carries a gold value Y (human or judge). The estimate is
/// <c>mean_gold(Y) + lambda * (mean_all(F) - mean_gold(F))</c>. lambda = 0 is the gold sample alone, lambda = 1 classic
/// PPI. Unless a lambda is given it is tuned as the regression slope <c>Cov_gold(Y, F) / Var_gold(F)</c> clipped to
/// [0, 1], which minimises the variance below (the survey regression estimator); when F is constant on the gold rows
/// the slope is undefined and lambda is 1, trusting the classifier as classic PPI does. F may be a 0/1 label or the
/// classifier's probability. lambda is chosen on the same
/// gold rows it then weights, which biases the estimate by O(1/n); the coverage simulation in
/// <c>PredictionPoweredInferenceCoverageTests</c> includes that effect.
/// </para>
/// <para>
/// <b>Variance.</b> The gold rows are part of the N answers, so the variance is the finite-population one,
/// <c>(1 - n/N) * S^2 / n</c>, with S^2 the sample variance (n - 1 denominator) of the residual <c>Y - lambda * F</c> on
/// the gold rows. It reaches zero when every answer is gold-labelled, because the cell's rate is then known exactly.
/// </para>
/// <para>
/// <b>Small samples (the disagreement floor).</b> S^2 is replaced by <c>max(S^2, p * (1 - p))</c> with
/// <c>p = (d + 1) / (n + 2)</c>, d being the gold rows whose gold and classifier values differ by a half or more, and the interval uses the
/// Student t quantile with n - 1 degrees of freedom; so a gold sample that happens to show no disagreement still gets an
/// interval as wide as one unseen disagreement would justify, instead of a zero-width one. Why this floor: at lambda = 1
/// the residual is Y - F, non-zero exactly on the disagreements and then at least 1 in size, so its variance
/// E[R^2] - E[R]^2 is at least q - q^2 for the true disagreement rate q; the floor plugs in the Agresti-Coull-style
/// (d + 1) / (n + 2), which is never 0. In cells with 5-15 gold labels of a classifier that misses a third of the
/// positives, the plain normal interval (z, no floor) covered the true rate in 64 % of simulated cells (71 % for paired
/// differences); this rule covers 99 % (98 %). With 50 or more gold labels it is about 12 % wider than the plain
/// interval, which there still covers only 90 % of rates, because rare events leave the residuals skewed (figures in
/// bench/README.md, "Corrected rates (simulation)"). The floor's unit of 1 assumes indicator values (0/1) or their
/// paired differences (-1/0/1).
/// </para>
/// <para>
/// <b>Range and edge cases.</b> The estimate and both ends are clipped to the range of possible values ([0, 1] for
/// rates, [-1, 1] for differences). No gold rows: null, there is nothing to correct with. One gold row: no variance can
/// be estimated, lambda is 1 and the interval is the whole range. Every row gold: the gold mean, exactly, with a
/// zero-width interval.
/// </para>
/// </remarks>
public static class PredictionPoweredInference
{
    /// <summary>Gold labels a cell needs before lambda is tuned on them; below it lambda is 1 (classic PPI).</summary>
    public const int MinimumGoldForTuning = 10;

    /// <summary>The corrected mean of values in [<paramref name="lowestValue"/>, <paramref name="highestValue"/>].</summary>
    /// <param name="predictedAll">The classifier's value for every one of the cell's N answers, gold-labelled ones included.</param>
    /// <param name="goldSample">
    /// The gold value and the classifier's value of each gold-labelled answer; a uniform random sample of the answers in
    /// <paramref name="predictedAll"/>, so never more of them.
    /// </param>
    /// <param name="confidence">Two-sided level, e.g. 0.95.</param>
    /// <param name="lambda">A fixed weight in [0, 1] for the classifier's values; null tunes it (PPI++).</param>
    /// <param name="lowestValue">The smallest value possible: 0 for indicators, -1 for paired differences.</param>
    /// <param name="highestValue">The largest value possible.</param>
    /// <returns>The corrected estimate, or null when <paramref name="goldSample"/> is empty.</returns>
    public static CorrectedEstimate? Mean(
        IReadOnlyList<double> predictedAll,
        IReadOnlyList<(double Gold, double Predicted)> goldSample,
        double confidence = 0.95,
        double? lambda = null,
        double lowestValue = 0,
        double highestValue = 1)
    {
        if (!(double.IsFinite(lowestValue) && double.IsFinite(highestValue) && lowestValue < highestValue))
            throw new ArgumentOutOfRangeException(nameof(lowestValue), $"need finite lowest < highest, got [{lowestValue}, {highestValue}]");
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), $"need 0 < confidence < 1, got {confidence}");
        if (lambda is { } fixedLambda && !(fixedLambda >= 0 && fixedLambda <= 1))
            throw new ArgumentOutOfRangeException(nameof(lambda), $"need 0 <= lambda <= 1, got {fixedLambda}");
        int total = predictedAll.Count, n = goldSample.Count;
        if (n > total)
            throw new ArgumentException($"{n} gold rows but only {total} answers: the gold rows must be among the answers", nameof(goldSample));

        double sumAll = 0;
        foreach (double value in predictedAll) sumAll += CheckInRange(value, lowestValue, highestValue, nameof(predictedAll));
        double sumGold = 0, sumPredicted = 0;
        int disagreements = 0;
        foreach (var (gold, predicted) in goldSample)
        {
            sumGold += CheckInRange(gold, lowestValue, highestValue, nameof(goldSample));
            sumPredicted += CheckInRange(predicted, lowestValue, highestValue, nameof(goldSample));
            // A gold label and a classifier value half a unit apart or more disagree: for 0/1 labels that is any
            // difference; for a classifier's probability, a decision on the other side of one half.
            if (Math.Abs(gold - predicted) >= 0.5) disagreements++;
        }
        if (n == 0) return null;

        double meanGold = sumGold / n, meanPredicted = sumPredicted / n, meanAll = sumAll / total;
        if (n == total)
        {
            // Everything is labelled: the gold mean is the cell's rate, not an estimate of it. Computed from the gold
            // values alone, because mean_all(F) - mean_gold(F) would leave rounding noise of 1e-17 in it.
            return new CorrectedEstimate(meanGold, meanGold, meanGold, n, total, 0,
                $"all {Count(total)} answers gold-labelled: exact");
        }

        if (n == 1)
        {
            double single = lambda ?? 1;
            double onlyEstimate = Clip(meanGold + single * (meanAll - meanPredicted), lowestValue, highestValue);
            return new CorrectedEstimate(onlyEstimate, lowestValue, highestValue, n, total, single,
                $"PPI (lambda {Format(single)}), one gold label: the interval is the whole range");
        }

        string weighting;
        double weight;
        if (lambda is { } given)
        {
            weight = given;
            weighting = $"PPI (lambda {Format(weight)} fixed)";
        }
        else
        {
            // The slope of gold on classifier within the gold rows (the survey regression estimator). Taking Var(F)
            // over all answers instead was tried on SpeechMap (corrected-rate-coverage): it widened the error on
            // Chinese-made models' China questions from 6.0 to 6.6 points, since the sample slope also absorbs the
            // sample's own chance imbalance.
            double covariance = 0, predictedSquares = 0, goldSquares = 0;
            foreach (var (gold, predicted) in goldSample)
            {
                covariance += (gold - meanGold) * (predicted - meanPredicted);
                predictedSquares += (predicted - meanPredicted) * (predicted - meanPredicted);
                goldSquares += (gold - meanGold) * (gold - meanGold);
            }
            if (predictedSquares == 0)
            {
                weight = 1;
                weighting = "PPI (lambda 1.00: classifier constant on the gold rows)";
            }
            else if (goldSquares == 0 || n < MinimumGoldForTuning)
            {
                // A slope from a handful of rows, or from gold that never varies (five refusals of five), is noise: it
                // fell to 0 on SpeechMap and threw the classifier away, printing 100 % for a cell whose rate was 77 %.
                // Classic PPI is unbiased whatever the classifier, and the floor keeps its interval honest. Ten, not
                // twenty: on SpeechMap (corrected-rate-coverage) twenty left the error on Chinese-made models' China
                // questions at 5.9 points against 11.8 uncorrected, ten brought it to 5.7, coverage 0.99 either way.
                weight = 1;
                weighting = goldSquares == 0 ? "PPI (lambda 1.00: every gold label the same)" : $"PPI (lambda 1.00: fewer than {MinimumGoldForTuning} gold labels to tune it)";
            }
            else
            {
                weight = Math.Clamp(covariance / predictedSquares, 0, 1);
                weighting = $"PPI++ (lambda {Format(weight)})";
            }
        }

        double meanResidual = meanGold - weight * meanPredicted, squares = 0;
        foreach (var (gold, predicted) in goldSample)
        {
            double deviation = gold - weight * predicted - meanResidual;
            squares += deviation * deviation;
        }
        double sampleVariance = squares / (n - 1);
        double shrunkDisagreement = (disagreements + 1.0) / (n + 2.0);
        double flooredVariance = Math.Max(sampleVariance, shrunkDisagreement * (1 - shrunkDisagreement));
        double variance = (1 - (double)n / total) * flooredVariance / n;
        double halfWidth = StudentTDistribution.Quantile(0.5 + confidence / 2, n - 1) * Math.Sqrt(variance);

        double estimate = meanGold + weight * (meanAll - meanPredicted);
        return new CorrectedEstimate(
            Clip(estimate, lowestValue, highestValue),
            Clip(estimate - halfWidth, lowestValue, highestValue),
            Clip(estimate + halfWidth, lowestValue, highestValue),
            n, total, weight,
            $"{weighting}, finite-population, t({Count(n - 1)}) with disagreement floor");
    }

    /// <summary>The corrected rate of an event the classifier flags (a refusal, say), from booleans.</summary>
    /// <param name="predictedAll">The classifier's flag for every one of the cell's N answers, gold-labelled ones included.</param>
    /// <param name="goldSample">Gold flag and classifier flag of each gold-labelled answer, a uniform random sample of them.</param>
    /// <returns>The corrected rate, or null when no answer is gold-labelled.</returns>
    public static CorrectedEstimate? Rate(
        IReadOnlyList<bool> predictedAll,
        IReadOnlyList<(bool Gold, bool Predicted)> goldSample,
        double confidence = 0.95,
        double? lambda = null)
    {
        var predicted = predictedAll.Select(Indicator).ToArray();
        var gold = goldSample.Select(row => (Indicator(row.Gold), Indicator(row.Predicted))).ToArray();
        return Mean(predicted, gold, confidence, lambda);
    }

    /// <summary>
    /// The corrected difference first minus second of two paired rates (one language against another, base model
    /// against candidate, a sensitive prompt against its control), estimated on the per-pair differences so that the
    /// pairing narrows the interval as it should.
    /// </summary>
    /// <param name="pairs">
    /// Every pair in the cell: the classifier's flag on each side, and the gold flag on each side where there is one.
    /// Only pairs gold-labelled on both sides count as gold pairs; a pair with one gold side is used as unlabelled.
    /// Gold labels drawn uniformly at random per answer make the both-gold pairs a uniform sample of the pairs, as the
    /// estimator needs.
    /// </param>
    /// <returns>The corrected difference in [-1, 1], or null when no pair is gold-labelled on both sides.</returns>
    public static CorrectedEstimate? PairedDifference(
        IReadOnlyList<(bool PredictedFirst, bool PredictedSecond, bool? GoldFirst, bool? GoldSecond)> pairs,
        double confidence = 0.95,
        double? lambda = null)
    {
        var predicted = pairs.Select(pair => Indicator(pair.PredictedFirst) - Indicator(pair.PredictedSecond)).ToArray();
        var gold = pairs
            .Where(pair => pair.GoldFirst.HasValue && pair.GoldSecond.HasValue)
            .Select(pair => (
                Indicator(pair.GoldFirst!.Value) - Indicator(pair.GoldSecond!.Value),
                Indicator(pair.PredictedFirst) - Indicator(pair.PredictedSecond)))
            .ToArray();
        return Mean(predicted, gold, confidence, lambda, lowestValue: -1, highestValue: 1);
    }

    private static double Indicator(bool flag) => flag ? 1 : 0;

    private static double Clip(double value, double lowest, double highest) => Math.Min(highest, Math.Max(lowest, value));

    private static double CheckInRange(double value, double lowest, double highest, string parameter) =>
        value >= lowest && value <= highest
            ? value
            : throw new ArgumentOutOfRangeException(parameter, $"value {value} outside the possible range [{lowest}, {highest}]");

    private static string Format(double lambda) => lambda.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
