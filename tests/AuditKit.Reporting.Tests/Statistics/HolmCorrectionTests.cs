using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Tests.Statistics;

public class HolmCorrectionTests
{
    [Fact]
    public void Adjust_TextbookFamily_GivesStepDownValuesInInputOrder()
    {
        // Sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> raised to 0.06 to stay monotone.
        var adjusted = HolmCorrection.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 10)));
    }

    [Fact]
    public void Adjust_LargeValues_CappedAtOne() => Assert.Equal([1.0, 1.0, 1.0], HolmCorrection.Adjust([0.4, 0.5, 0.9])); // 1.2, 1.0, 0.9 -> capped, then monotone

    [Fact]
    public void Adjust_EmptyFamily_IsEmpty() => Assert.Empty(HolmCorrection.Adjust([]));
}
