namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Difference of two independent proportions with Newcombe's hybrid score interval (Newcombe 1998, method 10 for
/// unpaired data): the Wilson intervals of both rates combined in quadrature. Used where no pairing exists, such as
/// sensitive probes against their control probes.
/// </summary>
public static class IndependentDifference
{
    /// <summary>x1/n1 - x2/n2 with its interval; an empty group gives the uninformative interval [-1, 1].</summary>
    public static DifferenceEstimate Compute(int x1, int n1, int x2, int n2, double z = WilsonInterval.Z95)
    {
        if (n1 == 0 || n2 == 0) return new DifferenceEstimate(0, new ConfidenceInterval(-1, 1), Math.Min(n1, n2));
        double p1 = (double)x1 / n1, p2 = (double)x2 / n2;
        var w1 = WilsonInterval.Compute(x1, n1, z);
        var w2 = WilsonInterval.Compute(x2, n2, z);
        double diff = p1 - p2;
        double lower = diff - Math.Sqrt(Math.Pow(p1 - w1.Lower, 2) + Math.Pow(w2.Upper - p2, 2));
        double upper = diff + Math.Sqrt(Math.Pow(w1.Upper - p1, 2) + Math.Pow(p2 - w2.Lower, 2));
        return new DifferenceEstimate(diff, new ConfidenceInterval(Math.Max(-1, lower), Math.Min(1, upper)), Math.Min(n1, n2));
    }
}
