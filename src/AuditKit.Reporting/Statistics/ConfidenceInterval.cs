namespace AuditKit.Reporting.Statistics;

/// <summary>A two-sided confidence interval. For rates both bounds lie in [0, 1]; for differences in [-1, 1].</summary>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>True when the interval excludes zero, i.e. a difference is distinguishable from none.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}
