using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class PredictionPoweredInferenceTests
{
    // A cell of N = 40 answers; the classifier flags 10 (mean_all(F) = 0.25). 10 answers are gold-labelled:
    // 4 flagged and truly positive, 1 missed positive (gold 1, classifier 0), 5 true negatives.
    private static readonly double[] Predicted = [.. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(0.0, 30)];
    private static readonly (double Gold, double Predicted)[] Gold =
        [(1, 1), (1, 1), (1, 1), (1, 1), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)];

    // The same cell twice over (N = 80, 20 gold rows): the same lambda, a narrower interval.
    private static readonly double[] PredictedTwice = [.. Predicted, .. Predicted];
    private static readonly (double Gold, double Predicted)[] GoldTwice = [.. Gold, .. Gold];

    [Fact]
    public void Mean_HandComputedCellWithTwentyGold_TunesLambda()
    {
        // Means, covariance and variance ratios are those of the cell below, so lambda = 5/6 and the rate 0.375.
        // Residual squares sum to 2 * 5/6 = 5/3 over 19 degrees of freedom: S^2 = 0.0877. Two disagreements:
        // p = 3/22, floor p (1 - p) = 0.117769 > S^2. Variance (1 - 20/80) * 0.117769 / 20 = 0.00441632, se 0.06645542;
        // t(0.975, 19) = 2.09302405; half width 0.1390927842.
        var estimate = PredictionPoweredInference.Mean(PredictedTwice, GoldTwice)!;

        Assert.Equal(0.375, estimate.Rate, 10);
        Assert.Equal(5.0 / 6, estimate.Lambda!.Value, 10);
        Assert.Equal(0.375 - 0.1390927842, estimate.Lower, tolerance: 1e-8);
        Assert.Equal(0.375 + 0.1390927842, estimate.Upper, tolerance: 1e-8);
        Assert.Equal("PPI++ (lambda 0.83), finite-population, t(19) with disagreement floor", estimate.Method);
    }

    [Fact]
    public void Mean_FewerThanTenGold_ClassicPpiBecauseASlopeFromAHandfulOfRowsIsNoise()
    {
        var estimate = PredictionPoweredInference.Mean(Predicted, Gold[..9])!;
        Assert.Equal(1, estimate.Lambda);
        Assert.Equal(0.25 + 1.0 / 9, estimate.Rate, 10); // mean_all(F) + mean_gold(Y - F): one missed positive in nine
    }

    [Fact]
    public void Mean_EveryGoldLabelTheSame_ClassicPpiNotTheGoldAlone()
    {
        // 25 gold rows all refused while the classifier flags 20 of them: a tuned slope would be 0 and print 100 %.
        double[] predicted = [.. Enumerable.Repeat(1.0, 70), .. Enumerable.Repeat(0.0, 30)];
        (double, double)[] gold = [.. Enumerable.Repeat((1.0, 1.0), 20), .. Enumerable.Repeat((1.0, 0.0), 5)];
        var estimate = PredictionPoweredInference.Mean(predicted, gold)!;
        Assert.Equal(1, estimate.Lambda);
        Assert.Equal(0.7 + 0.2, estimate.Rate, 10);
    }

    [Fact]
    public void Mean_HandComputedCell_MatchesArithmetic()
    {
        // mean_gold(Y) = 0.5, mean_gold(F) = 0.4, mean_all(F) = 0.25.
        // Var_gold(F) = (4 * 0.6^2 + 6 * 0.4^2) / 9 = 2.4 / 9; Cov_gold(Y, F) = (4 * 0.5 * 0.6 - 0.5 * 0.4 + 5 * 0.5 * 0.4) / 9 = 2 / 9
        // lambda = (2/9) / (2.4/9) = 5/6; rate = 0.5 + 5/6 * (0.25 - 0.4) = 0.375.
        // Residuals Y - 5/6 F: 1/6 (x4), 1, 0 (x5); mean 1/6; S^2 = (25/36 + 5 * 1/36) / 9 = 5/54 = 0.0926.
        // One disagreement: p = (1 + 1) / (10 + 2) = 1/6, floor p (1 - p) = 5/36 = 0.1389 > S^2, so the floor is used.
        // Variance (1 - 10/40) * (5/36) / 10 = 0.0104167, se 0.10206207; t(0.975, 9) = 2.26215716; half width 0.2308804486.
        var estimate = PredictionPoweredInference.Mean(Predicted, Gold)!;

        Assert.Equal(0.375, estimate.Rate, 10);
        Assert.Equal(5.0 / 6, estimate.Lambda!.Value, 10);
        Assert.Equal(0.375 - 0.2308804486, estimate.Lower, tolerance: 1e-9);
        Assert.Equal(0.375 + 0.2308804486, estimate.Upper, tolerance: 1e-9);
        Assert.Equal(10, estimate.GoldN);
        Assert.Equal(40, estimate.N);
        Assert.Equal("PPI++ (lambda 0.83), finite-population, t(9) with disagreement floor", estimate.Method);
    }

    [Fact]
    public void Mean_LambdaOne_IsClassicPpi()
    {
        // Classic PPI: mean_all(F) + mean_gold(Y - F) = 0.25 + 0.1 = 0.35. Residuals Y - F: one 1, nine 0, so
        // S^2 = (0.9^2 + 9 * 0.1^2) / 9 = 0.1 < floor 5/36: the same half width as above, 0.2308804486.
        var estimate = PredictionPoweredInference.Mean(Predicted, Gold, lambda: 1)!;

        Assert.Equal(0.35, estimate.Rate, 10);
        Assert.Equal(0.35 - 0.2308804486, estimate.Lower, tolerance: 1e-9);
        Assert.Equal(0.35 + 0.2308804486, estimate.Upper, tolerance: 1e-9);
        Assert.Equal("PPI (lambda 1.00 fixed), finite-population, t(9) with disagreement floor", estimate.Method);
    }

    [Fact]
    public void Mean_LambdaZero_IsTheGoldSampleAloneWithFinitePopulationT()
    {
        // Gold only: 0.5. S^2 of Y = 10 * 0.25 / 9 = 0.277778 (above the floor); variance (1 - 1/4) * 0.277778 / 10
        // = 0.0208333, se 0.14433757, half width 2.26215716 * 0.14433757 = 0.3265142617.
        var estimate = PredictionPoweredInference.Mean(Predicted, Gold, lambda: 0)!;

        Assert.Equal(0.5, estimate.Rate, 10);
        Assert.Equal(0.5 - 0.3265142617, estimate.Lower, tolerance: 1e-9);
        Assert.Equal(0.5 + 0.3265142617, estimate.Upper, tolerance: 1e-9);
    }

    [Fact]
    public void Mean_LambdaZero_IgnoresTheClassifierOutsideTheGoldRows()
    {
        // Flags ten more answers outside the gold rows; twenty unflagged ones remain, so the gold rows are still among them.
        var tenMoreFlagged = Predicted.Select((value, i) => i < 30 ? value : 1.0).ToArray();

        var original = PredictionPoweredInference.Mean(Predicted, Gold, lambda: 0)!;
        var changed = PredictionPoweredInference.Mean(tenMoreFlagged, Gold, lambda: 0)!;

        Assert.Equal(original, changed);
    }

    [Fact]
    public void Mean_EveryAnswerGoldLabelled_ReturnsTheExactRateWithZeroWidth()
    {
        // The classifier says 0.3 but the gold labels, all 10 of them, say 0.4: nothing is left to estimate.
        double[] predicted = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        (double, double)[] gold = [(1, 1), (1, 1), (0, 1), (1, 0), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)];

        var estimate = PredictionPoweredInference.Mean(predicted, gold)!;

        Assert.Equal(0.4, estimate.Rate, 15);
        Assert.Equal(estimate.Rate, estimate.Lower);
        Assert.Equal(estimate.Rate, estimate.Upper);
        Assert.Equal("all 10 answers gold-labelled: exact", estimate.Method);
    }

    [Fact]
    public void Mean_OneGoldLabel_IntervalIsTheWholeRange()
    {
        // lambda 1 with one gold row: 1 + (0.25 - 0) = 1.25, clipped to 1.
        var estimate = PredictionPoweredInference.Mean(Predicted, [(1.0, 0.0)])!;

        Assert.Equal(1, estimate.Rate);
        Assert.Equal(0, estimate.Lower);
        Assert.Equal(1, estimate.Upper);
        Assert.Equal(1, estimate.Lambda);
    }

    [Fact]
    public void Mean_NoGoldLabels_ReturnsNull() =>
        Assert.Null(PredictionPoweredInference.Mean(Predicted, []));

    [Fact]
    public void Mean_SmallGoldSampleThatAgreesEverywhere_KeepsAWideInterval()
    {
        // 45 answers, 8 gold labels, classifier and gold agree on all of them (all 0): S^2 = 0, so without the floor
        // the interval would be the point 0. Floor p = 1/10, variance (1 - 8/45) * 0.09 / 8, t(0.975, 7) = 2.3646:
        // upper end 0.2274.
        var estimate = PredictionPoweredInference.Mean(new double[45], Enumerable.Repeat((0.0, 0.0), 8).ToArray())!;

        Assert.Equal(0, estimate.Rate);
        Assert.Equal(0, estimate.Lower);
        Assert.Equal(0.2274, estimate.Upper, 4);
        Assert.StartsWith("PPI (lambda 1.00: classifier constant on the gold rows)", estimate.Method);
    }

    [Fact]
    public void Mean_EstimateBelowTheRange_IsClippedAndStaysInsideItsInterval()
    {
        // Gold says 0, the gold rows are the classifier's only flags: 0 + 1 * (2/40 - 2/4) = -0.45, clipped to 0.
        double[] predicted = [1, 1, .. new double[38]];
        (double, double)[] gold = [(0, 1), (0, 1), (0, 0), (0, 0)];

        var estimate = PredictionPoweredInference.Mean(predicted, gold, lambda: 1)!;

        Assert.Equal(0, estimate.Rate);
        Assert.Equal(0, estimate.Lower);
        Assert.InRange(estimate.Upper, 0, 1);
    }

    [Fact]
    public void Mean_MoreGoldRowsThanAnswers_Throws() =>
        Assert.Throws<ArgumentException>(() => PredictionPoweredInference.Mean([1.0], [(1.0, 1.0), (0.0, 0.0)]));

    [Fact]
    public void Mean_ValueOutsideTheRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionPoweredInference.Mean([1.0, -1.0], [(1.0, 1.0)]));

    [Fact]
    public void Mean_LambdaOutsideZeroToOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionPoweredInference.Mean(Predicted, Gold, lambda: 1.5));

    [Fact]
    public void Rate_Booleans_MatchesMeanOfIndicators()
    {
        var predicted = Predicted.Select(value => value == 1).ToArray();
        var gold = Gold.Select(row => (row.Gold == 1, row.Predicted == 1)).ToArray();

        Assert.Equal(PredictionPoweredInference.Mean(Predicted, Gold), PredictionPoweredInference.Rate(predicted, gold));
    }

    [Fact]
    public void PairedDifference_HandComputedPairs_UsesOnlyPairsGoldOnBothSides()
    {
        // 6 pairs. Differences F_first - F_second: 1, 0, 0, 1, 0, 0 (mean_all 1/3). Pairs 0-3 are gold on both sides,
        // with gold differences 1, 1, 0, 1 and classifier differences 1, 0, 0, 1; pair 4 has one gold side only and
        // counts as unlabelled, pair 5 has none.
        (bool, bool, bool?, bool?)[] pairs =
        [
            (true, false, true, false),
            (false, false, true, false),
            (true, true, true, true),
            (true, false, true, false),
            (false, false, true, null),
            (false, false, null, null),
        ];
        // lambda 1: mean_gold(D_Y) + (mean_all(D_F) - mean_gold(D_F)) = 0.75 + (1/3 - 0.5) = 7/12.
        var estimate = PredictionPoweredInference.PairedDifference(pairs, lambda: 1)!;

        Assert.Equal(7.0 / 12, estimate.Rate, 10);
        Assert.Equal(4, estimate.GoldN);
        Assert.Equal(6, estimate.N);
        Assert.InRange(estimate.Lower, -1, estimate.Rate);
        Assert.InRange(estimate.Upper, estimate.Rate, 1);
    }

    [Fact]
    public void PairedDifference_NegativeDifference_IsNotClippedAtZero()
    {
        // The second side refuses more: every pair is (0, 1) by gold and classifier alike.
        var pairs = Enumerable.Range(0, 20)
            .Select(i => (false, true, i < 5 ? false : (bool?)null, i < 5 ? true : (bool?)null))
            .ToArray();

        var estimate = PredictionPoweredInference.PairedDifference(pairs)!;

        Assert.Equal(-1, estimate.Rate, 10);
        Assert.Equal(-1, estimate.Lower);
        Assert.True(estimate.Upper < 0);
    }

    [Fact]
    public void PairedDifference_NoPairGoldOnBothSides_ReturnsNull() =>
        Assert.Null(PredictionPoweredInference.PairedDifference([(true, false, true, null), (false, false, null, false)]));
}
