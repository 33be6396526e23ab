using System.Text;
using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Inline SVG charts for the HTML report: no script, no external font or image, so the file reads offline and prints.
/// Every label is escaped; every mark carries a &lt;title&gt; with its exact figures for screen readers and hover.
/// </summary>
internal static class SvgCharts
{
    private static readonly (string Name, string Colour, Func<ModelLanguageRates, RateEstimate> Rate)[] Series =
    [
        ("DENIAL", "#b2182b", r => r.Denial),
        ("EVASIVE", "#ef8a62", r => r.Evasive),
        ("ALIGNED", "#2166ac", r => r.Aligned),
    ];

    /// <summary>Grouped bars (DENIAL, EVASIVE, ALIGNED) per model and language, with interval whiskers.</summary>
    public static string RateBars(IReadOnlyList<ModelLanguageRates> rows)
    {
        const int plotHeight = 220, top = 30, left = 48, bar = 16, gap = 28, bottom = 70;
        int groupWidth = Series.Length * bar + gap;
        int width = Math.Max(360, left + rows.Count * groupWidth + 20);
        int height = top + plotHeight + bottom;
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart bars\" role=\"img\" aria-label=\"Rates by model and language with 95% intervals\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append("<title>Rates by model and language with 95% intervals</title>");
        for (int tick = 0; tick <= 100; tick += 25)
        {
            double y = top + plotHeight - tick / 100.0 * plotHeight;
            svg.Append($"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#ddd\"/>");
            svg.Append($"<text x=\"{left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{tick}%</text>");
        }
        for (int g = 0; g < rows.Count; g++)
        {
            var row = rows[g];
            double x0 = left + g * groupWidth + gap / 2.0;
            for (int s = 0; s < Series.Length; s++)
            {
                var (name, colour, pick) = Series[s];
                var rate = pick(row);
                if (!rate.HasValue) continue;
                double x = x0 + s * bar;
                double h = rate.Rate * plotHeight;
                double y = top + plotHeight - h;
                string tip = HtmlText.Encode($"{row.Model} {row.Language} {name}: {Numbers.Rate(rate)} (n={rate.N})");
                svg.Append($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{bar - 2}\" height=\"{F(Math.Max(h, 0.5))}\" fill=\"{colour}\"><title>{tip}</title></rect>");
                double lo = top + plotHeight - rate.Interval.Lower * plotHeight, hi = top + plotHeight - rate.Interval.Upper * plotHeight;
                double cx = x + (bar - 2) / 2.0;
                svg.Append($"<path d=\"M{F(cx)} {F(lo)}V{F(hi)}M{F(cx - 4)} {F(lo)}h8M{F(cx - 4)} {F(hi)}h8\" stroke=\"#222\" stroke-width=\"1.2\" fill=\"none\"/>");
            }
            double labelX = x0 + Series.Length * bar / 2.0;
            svg.Append($"<text x=\"{F(labelX)}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\">{HtmlText.Encode(Shorten(row.Model, 18))}</text>");
            svg.Append($"<text x=\"{F(labelX)}\" y=\"{top + plotHeight + 30}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{HtmlText.Encode(row.Language)}</text>");
        }
        for (int s = 0; s < Series.Length; s++)
        {
            int lx = left + s * 100;
            svg.Append($"<rect x=\"{lx}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{Series[s].Colour}\"/><text x=\"{lx + 16}\" y=\"18\" font-size=\"11\">{Series[s].Name}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Topic x model grid coloured by refusal rate (white 0 % to dark red 100 %), with the rate printed in each cell.</summary>
    public static string TopicHeatmap(IReadOnlyList<TopicRates> topics)
    {
        var models = topics.Select(t => t.Model).Distinct().ToList();
        var topicIds = topics.Select(t => t.Topic).Distinct().ToList();
        const int cellW = 96, cellH = 26, left = 220, top = 60;
        int width = left + models.Count * cellW + 10, height = top + topicIds.Count * cellH + 10;
        var byKey = topics.ToDictionary(t => (t.Model, t.Topic));
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart heatmap\" role=\"img\" aria-label=\"Refusal rate by topic and model\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        svg.Append("<title>Refusal rate by topic and model</title>");
        for (int m = 0; m < models.Count; m++)
            svg.Append($"<text x=\"{left + m * cellW + cellW / 2}\" y=\"{top - 10}\" text-anchor=\"middle\" font-size=\"11\">{HtmlText.Encode(Shorten(models[m], 15))}</text>");
        for (int t = 0; t < topicIds.Count; t++)
        {
            int y = top + t * cellH;
            svg.Append($"<text x=\"{left - 8}\" y=\"{y + 17}\" text-anchor=\"end\" font-size=\"11\">{HtmlText.Encode(Shorten(topicIds[t], 32))}</text>");
            for (int m = 0; m < models.Count; m++)
            {
                int x = left + m * cellW;
                if (!byKey.TryGetValue((models[m], topicIds[t]), out var cell) || !cell.Refusal.HasValue)
                {
                    svg.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"#f4f4f4\"/>");
                    continue;
                }
                double r = cell.Refusal.Rate;
                string fill = Heat(r);
                string ink = r > 0.55 ? "#fff" : "#111";
                string tip = HtmlText.Encode($"{cell.Model} / {cell.Topic}: refusal {Numbers.Rate(cell.Refusal)}, evasion {Numbers.Rate(cell.Evasion)} (n={cell.Judged})");
                svg.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"{fill}\"><title>{tip}</title></rect>");
                svg.Append($"<text x=\"{x + cellW / 2 - 1}\" y=\"{y + 17}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\">{Numbers.Pct(r)}%</text>");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Heat(double rate)
    {
        // Linear from white (255,255,255) to dark red (165,0,38).
        int R = (int)Math.Round(255 - rate * (255 - 165)), G = (int)Math.Round(255 - rate * 255), B = (int)Math.Round(255 - rate * (255 - 38));
        return $"#{R:x2}{G:x2}{B:x2}";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string F(double value) => Numbers.Fixed(value, "0.#");
}
