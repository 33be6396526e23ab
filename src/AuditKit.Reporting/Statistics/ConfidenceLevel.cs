namespace AuditKit.Reporting.Statistics;

/// <summary>Turns the report's normal quantile z back into a confidence level, so every interval in a report has the same level.</summary>
public static class ConfidenceLevel
{
    public static double OfZ(double z) => Math.Abs(z - WilsonInterval.Z95) < 1e-9 ? 0.95 : 1 - 2 * NormalUpperTail(z);

    private static double NormalUpperTail(double z)
    {
        // Abramowitz & Stegun 7.1.26 via erfc: plenty for turning a chosen z back into a level.
        double x = z / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.Exp(-x * x);
        return erfc / 2;
    }
}
