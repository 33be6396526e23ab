using System.Text;
using AuditKit.Reporting.Statistics;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// The report's charts as standalone SVG: sorted dot-and-interval plots (one row per model, one facet per language)
/// and a model x topic heat map with the value in every cell. Built to stay readable with 40 models: one row per
/// model, full or uniquely shortened names (<see cref="ModelLabels"/>), never a chart that grows sideways with the
/// number of models. No script, no external font; every label is escaped and every mark has a &lt;title&gt; with its
/// exact figures, corrected first where gold labels give a corrected rate.
/// </summary>
internal static class SvgCharts
{
    /// <summary>System fonts first, then Noto for Chinese and Devanagari, so model and topic names in any script render.</summary>
    public const string FontStack =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans CJK TC', 'Noto Sans Devanagari', 'Noto Sans Symbols', sans-serif";

    private const int FontSize = 12, MaxLabelChars = 36;

    /// <summary>Refusal rate per model, one facet per language, each sorted highest first.</summary>
    public static IReadOnlyList<SvgChart> RefusalDots(IReadOnlyList<ModelLanguageRates> rows) =>
        Dots(rows, r => r.Refusal, "refused", "Refused", "#b2182b");

    /// <summary>Share of answers aligned with the official narrative, per model and language.</summary>
    public static IReadOnlyList<SvgChart> AlignedDots(IReadOnlyList<ModelLanguageRates> rows) =>
        Dots(rows, r => r.Aligned, "aligned", "Aligned with the official narrative", "#2166ac");

    private static List<SvgChart> Dots(IReadOnlyList<ModelLanguageRates> rows, Func<ModelLanguageRates, RateEstimate> pick, string slug, string measure, string colour)
    {
        var models = rows.Select(r => r.Model).Distinct().ToList();
        var labels = ModelLabels.Unique(models, MaxLabelChars);
        var languages = rows.Select(r => r.Language).Distinct().ToList();
        var files = new FileNames();
        var charts = new List<SvgChart>();
        foreach (var language in languages)
        {
            var byModel = rows.Where(r => r.Language == language).ToDictionary(r => r.Model);
            // Each facet sorted by its own figure, highest first; models without answers in this language last.
            var order = models.OrderByDescending(m => byModel.TryGetValue(m, out var r) && pick(r).HasValue ? KeyFindings.Value(pick(r)) : -1)
                .ThenBy(m => m, StringComparer.Ordinal).ToList();
            string title = $"{measure}: {language}";
            charts.Add(new SvgChart(files.For($"{slug}-{language}"), title, DotPlot(title, order, labels, m => byModel.TryGetValue(m, out var r) ? (pick(r), r.Judged) : null, colour)));
        }
        return charts;
    }

    private static string DotPlot(string title, IReadOnlyList<string> models, IReadOnlyDictionary<string, string> labels,
        Func<string, (RateEstimate Rate, int Judged)?> value, string colour)
    {
        const int rowH = 20, top = 50, bottom = 16, plotW = 180, valueW = 46;
        int labelW = (int)Math.Ceiling(models.Select(m => TextWidth(labels[m], FontSize)).DefaultIfEmpty(40).Max()) + 12;
        int left = labelW, width = left + plotW + valueW + 8, height = top + models.Count * rowH + bottom;
        var svg = Open("dots", title, width, height);
        svg.Append($"<text x=\"4\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");
        for (int tick = 0; tick <= 100; tick += 25)
        {
            double x = left + tick / 100.0 * plotW;
            svg.Append($"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{top - 6}\" y2=\"{height - bottom}\" stroke=\"#ddd\"/>");
            svg.Append($"<text x=\"{F(x)}\" y=\"{top - 10}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">{tick}%</text>");
        }
        for (int i = 0; i < models.Count; i++)
        {
            string model = models[i];
            double y = top + i * rowH + rowH / 2.0;
            if (i % 2 == 0) svg.Append($"<rect x=\"0\" y=\"{F(y - rowH / 2.0)}\" width=\"{width}\" height=\"{rowH}\" fill=\"#f6f6f6\"/>");
            svg.Append($"<text class=\"model\" x=\"{left - 8}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"{FontSize}\"><title>{E(model)}</title>{E(labels[model])}</text>");
            if (value(model) is not { } v || !v.Rate.HasValue)
            {
                svg.Append($"<text x=\"{left + plotW + 6}\" y=\"{F(y + 4)}\" font-size=\"11\" fill=\"#777\">n/a</text>");
                continue;
            }
            var r = v.Rate;
            double shown = KeyFindings.Value(r);
            var (lower, upper) = r.Shown is { } c ? (c.Lower, c.Upper) : (r.Interval.Lower, r.Interval.Upper);
            string tip = E($"{model}: {Numbers.Rate(r)}, n = {v.Judged}");
            svg.Append("<g><title>").Append(tip).Append("</title>");
            svg.Append($"<line x1=\"{F(X(lower))}\" x2=\"{F(X(upper))}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-opacity=\"0.55\"/>");
            if (r.Shown is not null)
                svg.Append($"<line x1=\"{F(X(r.Rate))}\" x2=\"{F(X(r.Rate))}\" y1=\"{F(y - 5)}\" y2=\"{F(y + 5)}\" stroke=\"#666\" stroke-width=\"1.5\"/>");
            svg.Append($"<circle cx=\"{F(X(shown))}\" cy=\"{F(y)}\" r=\"4.5\" fill=\"{colour}\"/></g>");
            svg.Append($"<text x=\"{left + plotW + 6}\" y=\"{F(y + 4)}\" font-size=\"11\">{Numbers.Pct(shown)}%</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();

        double X(double fraction) => left + Math.Clamp(fraction, 0, 1) * plotW;
    }

    /// <summary>Model x topic grid of refusal, models as rows (highest mean refusal on sensitive topics first), value printed in each cell.</summary>
    public static SvgChart TopicHeatmap(IReadOnlyList<TopicRates> topics)
    {
        var topicIds = topics.Select(t => t.Topic).Distinct().ToList(); // sensitive first, as the summary orders them
        var models = topics.GroupBy(t => t.Model)
            .Select(g => (Model: g.Key, Mean: g.Where(t => !t.IsControl && t.Refusal.HasValue).Select(t => KeyFindings.Value(t.Refusal)).DefaultIfEmpty(-1).Average()))
            .OrderByDescending(m => m.Mean).ThenBy(m => m.Model, StringComparer.Ordinal).Select(m => m.Model).ToList();
        var labels = ModelLabels.Unique(models, MaxLabelChars);
        var byKey = topics.ToDictionary(t => (t.Model, t.Topic));
        const int cellW = 58, cellH = 22, titleH = 28;
        int labelW = (int)Math.Ceiling(models.Select(m => TextWidth(labels[m], FontSize)).DefaultIfEmpty(40).Max()) + 12;
        var topicLabels = topicIds.ToDictionary(t => t, t => t.Length <= 28 ? t : t[..27] + "…");
        double longestTopic = topicIds.Select(t => TextWidth(topicLabels[t], 11)).DefaultIfEmpty(20).Max();
        int headerH = titleH + (int)Math.Ceiling(longestTopic * 0.72) + 14;
        int width = labelW + topicIds.Count * cellW + (int)Math.Ceiling(longestTopic * 0.72) + 8, height = headerH + models.Count * cellH + 8;
        const string title = "Refused, by model and topic (all languages)";
        var svg = Open("heatmap", title, width, height);
        svg.Append($"<text x=\"4\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");
        for (int t = 0; t < topicIds.Count; t++)
        {
            double x = labelW + t * cellW + cellW / 2.0, y = headerH - 6;
            string topic = topicIds[t];
            svg.Append($"<text class=\"topic\" x=\"{F(x)}\" y=\"{F(y)}\" font-size=\"11\" transform=\"rotate(-45 {F(x)} {F(y)})\"><title>{E(topic)}</title>{E(topicLabels[topic])}</text>");
        }
        for (int m = 0; m < models.Count; m++)
        {
            int y = headerH + m * cellH;
            string model = models[m];
            svg.Append($"<text class=\"model\" x=\"{labelW - 8}\" y=\"{y + 15}\" text-anchor=\"end\" font-size=\"{FontSize}\"><title>{E(model)}</title>{E(labels[model])}</text>");
            for (int t = 0; t < topicIds.Count; t++)
            {
                int x = labelW + t * cellW;
                if (!byKey.TryGetValue((model, topicIds[t]), out var cell) || !cell.Refusal.HasValue)
                {
                    svg.Append($"<rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"#f4f4f4\"/>");
                    continue;
                }
                double r = KeyFindings.Value(cell.Refusal);
                string tip = E($"{model} / {cell.Topic}: refused {Numbers.Rate(cell.Refusal)}, evasive {Numbers.Rate(cell.Evasion)} (n = {cell.Judged})");
                svg.Append($"<g><title>{tip}</title><rect x=\"{x}\" y=\"{y}\" width=\"{cellW - 2}\" height=\"{cellH - 2}\" fill=\"{Heat(r)}\"/>");
                svg.Append($"<text x=\"{F(x + cellW / 2.0 - 1)}\" y=\"{y + 15}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{(r > 0.55 ? "#fff" : "#111")}\">{Numbers.Pct(r)}%</text></g>");
            }
        }
        svg.Append("</svg>");
        return new SvgChart("charts/topics-heatmap.svg", title, svg.ToString());
    }

    private static StringBuilder Open(string kind, string title, int width, int height)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart {kind}\" role=\"img\" aria-label=\"{E(title)}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{FontStack}\">");
        svg.Append($"<title>{E(title)}</title><rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
        return svg;
    }

    /// <summary>Estimated width of a label in pixels: CJK and other wide characters count a full em, Latin about half.</summary>
    public static double TextWidth(string text, double size)
    {
        double em = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            int v = rune.Value;
            em += v >= 0x1100 && (v is >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF or >= 0xFF00 and <= 0xFF60 or >= 0x20000) ? 1.0
                : v is >= 0x0900 and <= 0x0DFF ? 0.75
                : "il.,:;|!'ftj1 ".Contains((char)Math.Min(v, 0xFFFF)) ? 0.32
                : char.IsUpper((char)Math.Min(v, 0xFFFF)) || v is 'm' or 'w' or '_' or '…' ? 0.78
                : 0.58;
        }
        return em * size;
    }

    private static string Heat(double rate)
    {
        // Linear from white (255,255,255) to dark red (165,0,38).
        int R = (int)Math.Round(255 - rate * (255 - 165)), G = (int)Math.Round(255 - rate * 255), B = (int)Math.Round(255 - rate * (255 - 38));
        return $"#{R:x2}{G:x2}{B:x2}";
    }

    private static string E(string text) => HtmlText.Encode(text);

    private static string F(double value) => Numbers.Fixed(value, "0.#");

    /// <summary>File names from language codes that come from the run: only [A-Za-z0-9-] kept, and never two alike.</summary>
    private sealed class FileNames
    {
        private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

        public string For(string stem)
        {
            var safe = new string([.. stem.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-' ? ch : '_')]);
            if (safe.Length > 60) safe = safe[..60];
            string name = safe;
            for (int i = 2; !used.Add(name); i++) name = $"{safe}-{i}";
            return $"charts/{name}.svg";
        }
    }
}
