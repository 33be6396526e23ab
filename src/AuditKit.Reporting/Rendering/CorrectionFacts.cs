using System.Globalization;
using AuditKit.Reporting.Correction;

namespace AuditKit.Reporting.Rendering;

/// <summary>The method section's lines on correction for classifier error, shared by the HTML and Markdown reports. Values are raw (unescaped).</summary>
internal static class CorrectionFacts
{
    public static IEnumerable<(string Label, string Value)> For(RateCorrection c)
    {
        if (!c.Applied)
        {
            yield return ("Correction for classifier error", $"none: no gold labels (gold source: {c.Gold}); rates are the classifier's alone");
            yield break;
        }
        yield return ("Gold labels", string.Create(CultureInfo.InvariantCulture,
            $"{c.GoldLabels} of {c.Judged} judged answers ({(double)c.GoldLabels / c.Judged:P0}), from {string.Join(", ", c.Scorers)}"));
        if (c.ComplianceKappa is { } kappa && c.RefusalAgreement is { } agreement)
            yield return ("Classifier against gold on this run", string.Create(CultureInfo.InvariantCulture,
                $"Cohen's kappa {kappa:0.00} (COMPLETE / EVASIVE / DENIAL); same refused-or-not verdict on {agreement:P0} of gold-labelled answers"));
        yield return ("Corrected rates", RateCorrection.Rule);
    }
}
