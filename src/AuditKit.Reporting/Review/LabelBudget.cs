namespace AuditKit.Reporting.Review;

/// <summary>
/// How many gold labels a model needs for a corrected refusal rate of a chosen interval width. With the classifier
/// disagreeing with gold on a share d of answers, the corrected rate's variance is about (1 - n/N) d / n (the
/// residual gold - classifier is -1, 0 or 1), so n0 = (z / half-width)^2 d answers, and n = n0 / (1 + n0 / N) once the
/// finite population of N answers is counted. An estimate for planning, not a promise: d varies by model and topic.
/// </summary>
public static class LabelBudget
{
    /// <param name="width">The full width of the 95 % interval wanted, as a fraction (0.10 = 10 percentage points).</param>
    /// <param name="disagreement">Share of answers where classifier and gold disagree on refusal, 0..1.</param>
    /// <param name="population">Answers of the model that count in its rates (N).</param>
    public static int LabelsNeeded(double width, double disagreement, int population, double z = 1.959963984540054)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (population <= 0) return 0;
        double half = width / 2;
        // Never plan for less disagreement than one in fifty: a near-perfect figure measured on a few labels is luck.
        double d = Math.Clamp(disagreement, 0.02, 1);
        double n0 = z * z * d / (half * half);
        return (int)Math.Min(population, Math.Ceiling(n0 / (1 + n0 / population)));
    }
}
