using System.Globalization;
using Xunit.Abstractions;

namespace AuditKit.Reporting.Tests.Statistics;

/// <summary>
/// The corrected interval's claims, checked on 3,024 seeded synthetic cells each for rates and for paired differences
/// (see <see cref="SyntheticLabelledCells"/>). Seeded, so a run gives the same figures every time; they are printed
/// to the test output and copied into bench/README.md, "Corrected rates (simulation)".
/// </summary>
public class PredictionPoweredInferenceCoverageTests(ITestOutputHelper output)
{
    private const int Seed = 20231103;
    private static readonly Lazy<IReadOnlyList<SimulatedCell>> RateCells = new(() => SyntheticLabelledCells.Rates(Seed));
    private static readonly Lazy<IReadOnlyList<SimulatedCell>> DifferenceCells = new(() => SyntheticLabelledCells.PairedDifferences(Seed));

    [Fact]
    public void Rate_SimulatedBiasedClassifier_CoversTheTrueRateInAtLeast93PercentOfCells()
    {
        var cells = RateCells.Value;
        Report("rates", cells);
        Assert.InRange(Coverage(cells), 0.93, 1);
    }

    [Fact]
    public void Rate_SimulatedCellsWith5To15GoldLabels_CoverTheTrueRateInAtLeast93Percent()
    {
        var small = Small(RateCells.Value);
        Assert.True(small.Count >= 500, $"only {small.Count} small cells");
        Assert.InRange(Coverage(small), 0.93, 1);
    }

    [Fact]
    public void Rate_SimulatedCellsWith5To15GoldLabels_PlainNormalIntervalWouldUndercover()
    {
        // Guards the simulation itself: without the floor and t quantiles the same cells are covered far less often.
        var small = Small(RateCells.Value);
        Assert.InRange(small.Average(cell => cell.NaiveCovered ? 1.0 : 0), 0, 0.85);
    }

    [Fact]
    public void Rate_SimulatedBiasedClassifier_HasSmallerErrorThanTheClassifierAlone()
    {
        var cells = RateCells.Value;
        Assert.True(CorrectedError(cells) < UncorrectedError(cells));
        // With 50+ gold labels the classifier's bias dominates the gold sample's noise and the correction halves the error.
        var large = cells.Where(cell => cell.GoldN >= 50).ToArray();
        Assert.True(CorrectedError(large) < UncorrectedError(large) / 2, $"{CorrectedError(large)} vs {UncorrectedError(large)}");
    }

    [Fact]
    public void PairedDifference_SimulatedBiasedClassifier_CoversTheTrueDifferenceInAtLeast93PercentOfCells()
    {
        var cells = DifferenceCells.Value;
        Report("paired differences", cells);
        Assert.InRange(Coverage(cells), 0.93, 1);
    }

    [Fact]
    public void PairedDifference_SimulatedCellsWith5To15GoldPairs_CoverTheTrueDifferenceInAtLeast93Percent()
    {
        var small = Small(DifferenceCells.Value);
        Assert.True(small.Count >= 500, $"only {small.Count} small cells");
        Assert.InRange(Coverage(small), 0.93, 1);
    }

    [Fact]
    public void PairedDifference_SimulatedCellsWith5To15GoldPairs_PlainNormalIntervalWouldUndercover()
    {
        var small = Small(DifferenceCells.Value);
        Assert.InRange(small.Average(cell => cell.NaiveCovered ? 1.0 : 0), 0, 0.85);
    }

    [Fact]
    public void PairedDifference_SimulatedBiasedClassifier_HasSmallerErrorThanTheClassifierAlone()
    {
        var cells = DifferenceCells.Value;
        Assert.True(CorrectedError(cells) < UncorrectedError(cells));
        var large = cells.Where(cell => cell.GoldN >= 50).ToArray();
        Assert.True(CorrectedError(large) < UncorrectedError(large) / 2, $"{CorrectedError(large)} vs {UncorrectedError(large)}");
    }

    private static List<SimulatedCell> Small(IReadOnlyList<SimulatedCell> cells) =>
        cells.Where(cell => cell.GoldN is >= 5 and <= 15).ToList();

    private static double Coverage(IEnumerable<SimulatedCell> cells) => cells.Average(cell => cell.Covered ? 1.0 : 0);

    private static double Width(IEnumerable<SimulatedCell> cells) => cells.Average(cell => cell.Corrected.Upper - cell.Corrected.Lower);

    private static double CorrectedError(IEnumerable<SimulatedCell> cells) => cells.Average(cell => Math.Abs(cell.Corrected.Rate - cell.Truth));

    private static double UncorrectedError(IEnumerable<SimulatedCell> cells) => cells.Average(cell => Math.Abs(cell.Uncorrected - cell.Truth));

    private void Report(string name, IReadOnlyList<SimulatedCell> cells)
    {
        var groups = new (string Label, IReadOnlyList<SimulatedCell> Cells)[]
        {
            ("all cells", cells),
            ("5-15 gold", Small(cells)),
            ("16-49 gold", cells.Where(cell => cell.GoldN is > 15 and < 50).ToList()),
            ("50+ gold", cells.Where(cell => cell.GoldN >= 50).ToList()),
        };
        output.WriteLine($"{name} (seed {Seed}): group | cells | coverage | naive coverage | mean width | naive width | MAE corrected | MAE classifier");
        foreach (var (label, group) in groups)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{label} | {group.Count} | {Coverage(group):0.000} | {group.Average(c => c.NaiveCovered ? 1.0 : 0):0.000} | {Width(group):0.000} | {group.Average(c => c.Naive.Upper - c.Naive.Lower):0.000} | {CorrectedError(group):0.0000} | {UncorrectedError(group):0.0000}"));
        }
        var worst = cells.GroupBy(cell => cell.Stratum).Select(g => (Stratum: g.Key, Coverage: Coverage(g))).MinBy(s => s.Coverage);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lowest stratum coverage: {worst.Coverage:0.000} ({worst.Stratum})"));
    }
}
