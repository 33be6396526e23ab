namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Student's t distribution: the upper tail through the regularized incomplete beta function and the quantile by
/// bisection on it. Bisection is slower than Hill's (1970) series but cannot wander off for one or two degrees of
/// freedom, and a report asks for a few hundred quantiles at most; results agree with published tables to all printed
/// digits (t(0.975, 1) = 12.7062, t(0.975, 10) = 2.2281) and tend to the normal quantile as the degrees of freedom grow.
/// </summary>
public static class StudentTDistribution
{
    /// <summary>The value t with P(T &lt;= t) = <paramref name="probability"/> for T ~ t(<paramref name="degreesOfFreedom"/>).</summary>
    /// <param name="probability">Strictly between 0 and 1; 0.975 gives the two-sided 95 % quantile.</param>
    /// <param name="degreesOfFreedom">Positive; need not be an integer.</param>
    public static double Quantile(double probability, double degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), $"need 0 < probability < 1, got {probability}");
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), $"need finite degrees of freedom > 0, got {degreesOfFreedom}");
        if (probability == 0.5) return 0;
        if (probability < 0.5) return -Quantile(1 - probability, degreesOfFreedom);

        double tail = 1 - probability;
        double low = 0, high = 1;
        while (UpperTail(high, degreesOfFreedom) > tail) { low = high; high *= 2; }
        // The upper tail falls monotonically in t, so halving the bracket converges; 200 halvings exceed double precision.
        for (int i = 0; i < 200 && high - low > 1e-14 * high; i++)
        {
            double middle = 0.5 * (low + high);
            if (UpperTail(middle, degreesOfFreedom) > tail) low = middle; else high = middle;
        }
        return 0.5 * (low + high);
    }

    /// <summary>P(T &gt; t) for T ~ t(<paramref name="degreesOfFreedom"/>).</summary>
    public static double UpperTail(double t, double degreesOfFreedom)
    {
        if (!(degreesOfFreedom > 0) || double.IsInfinity(degreesOfFreedom))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), $"need finite degrees of freedom > 0, got {degreesOfFreedom}");
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), "t is NaN");
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t^2) (Abramowitz & Stegun 26.7.1 with 26.5.27).
        double twoSided = RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + t * t));
        return t >= 0 ? twoSided / 2 : 1 - twoSided / 2;
    }

    private static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        // The continued fraction converges fast only below the mean of the beta distribution; above it, use the
        // symmetry I_x(a, b) = 1 - I_{1-x}(b, a) (Numerical Recipes, 6.4).
        return x < (a + 1) / (a + b + 2)
            ? Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a
            : 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    // Lentz's method for the continued fraction of the incomplete beta function (Numerical Recipes, 6.4). For the
    // t distribution (b = 1/2) it converges within a few dozen steps from 1 to 1e10 degrees of freedom.
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double result = d;
        for (int m = 1; m <= 1000; m++)
        {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 + even * d; d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + even / c; if (Math.Abs(c) < Tiny) c = Tiny;
            result *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 + odd * d; d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + odd / c; if (Math.Abs(c) < Tiny) c = Tiny;
            double step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-15) return result;
        }
        throw new InvalidOperationException($"incomplete beta did not converge for a={a}, b={b}, x={x}");
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    // Lanczos approximation (g = 7, n = 9), relative error about 1e-15 for positive arguments; the reflection formula
    // covers arguments below 1/2 (fewer than one degree of freedom).
    private static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
