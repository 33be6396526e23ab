using System.Globalization;
using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// The one way every format writes a number, always in the invariant culture: a report rendered on a German desktop
/// must not say 23,4 % in one file and 23.4 % in another, and the CSV must parse back everywhere.
/// </summary>
internal static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A fraction as a percentage with one decimal, without the sign: 0.2344 -> "23.4".</summary>
    public static string Pct(double fraction) => (fraction * 100).ToString("0.0", Invariant);

    /// <summary>A difference of fractions in percentage points with an explicit sign: -0.2344 -> "-23.4".</summary>
    public static string Pp(double fraction)
    {
        double rounded = PpValue(fraction);
        return (rounded > 0 ? "+" : "") + rounded.ToString("0.0", Invariant);
    }

    /// <summary>The rounded percentage-point value <see cref="Pp"/> prints, for files that store it as a number.</summary>
    public static double PpValue(double fraction)
    {
        double rounded = Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded; // no "-0.0"
    }

    /// <summary>
    /// "23.4% [18.0, 29.8]", or "n/a" when there was nothing to count. A rate corrected with gold labels leads with the
    /// corrected figure and its interval, the classifier's own after it: "31.0% [22.5, 39.9] (uncorrected 23.4%, gold 40)".
    /// </summary>
    public static string Rate(RateEstimate r)
    {
        if (!r.HasValue) return "n/a";
        var plain = $"{Pct(r.Rate)}% [{Pct(r.Interval.Lower)}, {Pct(r.Interval.Upper)}]";
        if (r.Corrected is not { } c) return plain;
        return !c.Usable ? $"{plain} (uncorrected; gold {Int(c.GoldN)}, too few to correct)"
            : $"{Pct(c.Rate)}% [{Pct(c.Lower)}, {Pct(c.Upper)}] (uncorrected {Pct(r.Rate)}%, gold {Int(c.GoldN)})";
    }

    /// <summary>"-12.3 pp [-20.1, -4.5]"; corrected first when gold labels allow, like <see cref="Rate"/>.</summary>
    public static string Difference(DifferenceEstimate d)
    {
        if (d.Pairs == 0) return "n/a";
        var plain = $"{Pp(d.Difference)} pp [{Pp(d.Interval.Lower)}, {Pp(d.Interval.Upper)}]";
        if (d.Corrected is not { } c) return plain;
        return !c.Usable ? $"{plain} (uncorrected; gold pairs {Int(c.GoldN)}, too few to correct)"
            : $"{Pp(c.Rate)} pp [{Pp(c.Lower)}, {Pp(c.Upper)}] (uncorrected {Pp(d.Difference)} pp, gold pairs {Int(c.GoldN)})";
    }

    public static string Interval(ConfidenceInterval i) => $"[{Pct(i.Lower)}, {Pct(i.Upper)}]";

    /// <summary>p-values: three significant decimals, "&lt;0.0001" below that.</summary>
    public static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", Invariant);

    /// <summary>"2026-11-25 17:30 UTC".</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy'-'MM'-'dd HH':'mm", Invariant) + " UTC";

    public static string Int(int value) => value.ToString(Invariant);

    public static string Fixed(double value, string format) => value.ToString(format, Invariant);
}
