namespace AuditKit.Reporting.Statistics;

/// <summary>
/// Exact (binomial) McNemar test for paired binary outcomes. Only the discordant pairs carry information: under
/// the null hypothesis each of the b + c discordant pairs goes either way with probability 1/2.
/// </summary>
public static class McNemarExactTest
{
    /// <summary>
    /// Two-sided p-value: min(1, 2 * P(X &lt;= min(b, c))) with X ~ Bin(b + c, 1/2). Summed in log space so that
    /// tens of thousands of discordant pairs neither underflow nor lose precision. b = c = 0 gives 1.
    /// </summary>
    /// <param name="b">Pairs that went one way (e.g. refused in base, answered in candidate).</param>
    /// <param name="c">Pairs that went the other way.</param>
    public static double TwoSidedP(int b, int c)
    {
        if (b < 0 || c < 0) throw new ArgumentOutOfRangeException(nameof(b), "counts must be non-negative");
        int n = b + c;
        if (n == 0) return 1.0;
        int k = Math.Min(b, c);

        // log C(n, i) built incrementally: exact enough for any n an audit can produce, and no log-gamma needed.
        double logHalfPowN = -n * Math.Log(2);
        double logChoose = 0;
        double maxLog = double.NegativeInfinity;
        var terms = new double[k + 1];
        for (int i = 0; i <= k; i++)
        {
            if (i > 0) logChoose += Math.Log(n - i + 1) - Math.Log(i);
            terms[i] = logChoose + logHalfPowN;
            if (terms[i] > maxLog) maxLog = terms[i];
        }
        double sum = 0;
        foreach (var t in terms) sum += Math.Exp(t - maxLog);
        double logCdf = maxLog + Math.Log(sum);
        return Math.Min(1.0, 2 * Math.Exp(logCdf));
    }
}
