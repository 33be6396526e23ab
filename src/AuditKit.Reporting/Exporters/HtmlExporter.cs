using System.Security.Cryptography;
using System.Text;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.HtmlText;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// report.html: one self-contained page that reads offline and prints: key findings first, dot-and-interval charts and a
/// heat map that stay legible with 40 models, the tables, and an explorer (sortable, filterable tables, a question x
/// model grid, search over answers) run by one small inline script. All model and suite text is HTML-escaped or set as
/// text by the script, and a Content-Security-Policy lets only that script run, by its hash. Every chart is also
/// written as a standalone SVG under charts/ for articles.
/// </summary>
public sealed class HtmlExporter : IReportExporter
{
    public const string FileName = "report.html";

    /// <summary>Base64 SHA-256 of the explorer script, named in the page's Content-Security-Policy.</summary>
    internal static string ScriptHash { get; } = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ExplorerScript.Text)));

    public string Name => "html";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var charts = Charts(summary);
        if (charts.Count > 0) Directory.CreateDirectory(Path.Combine(outputDirectory, "charts"));
        foreach (var chart in charts)
        {
            string file = Path.Combine(outputDirectory, chart.FileName);
            await File.WriteAllTextAsync(file, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + chart.Svg, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            written.Add(file);
        }
        string path = Path.Combine(outputDirectory, FileName);
        await File.WriteAllTextAsync(path, Render(summary, charts), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        written.Insert(0, path);
        return written;
    }

    /// <summary>The charts of the report, in page order: refusal facets, aligned facets, the topic heat map.</summary>
    internal static IReadOnlyList<SvgChart> Charts(AuditSummary s)
    {
        var charts = new List<SvgChart>();
        charts.AddRange(SvgCharts.RefusalDots(s.ModelLanguages));
        charts.AddRange(SvgCharts.AlignedDots(s.ModelLanguages));
        if (s.Topics.Count > 0) charts.Add(SvgCharts.TopicHeatmap(s.Topics));
        return charts;
    }

    /// <summary>The HTML text of the report.</summary>
    public static string Render(AuditSummary s) => Render(s, Charts(s));

    private static string Render(AuditSummary s, IReadOnlyList<SvgChart> charts)
    {
        var h = new StringBuilder();
        HtmlPage.Open(h, s.Title, ScriptHash);
        h.Append("<main>");
        if (s.IsSmokeTest) h.Append($"<p class=\"smoke\" id=\"smoke-test\">{Encode(AuditSummary.SmokeTestWarning)}</p>");
        h.Append($"<h1>{Encode(s.Title)}</h1>");
        foreach (var w in s.Warnings) h.Append($"<p class=\"warning\">{Encode(w)}</p>");
        h.Append($"<p class=\"meta\">Generated {Numbers.Timestamp(s.GeneratedAt)} by AuditKit.Reporting {Encode(s.ReportingVersion)}. ");
        h.Append($"{Numbers.Int(s.Totals.Attempts)} attempts: {Numbers.Int(s.Totals.Judged)} judged, {Numbers.Int(s.Totals.Errors)} errors, {Numbers.Int(s.Totals.Unclassified)} unclassified. Rates are of judged attempts, with 95% intervals in brackets.</p>");
        h.Append($"<p class=\"files\">Data: <a href=\"{AttemptsCsvExporter.FileName}\">{AttemptsCsvExporter.FileName}</a> (every answer) · <a href=\"{SummaryCsvExporter.FileName}\">{SummaryCsvExporter.FileName}</a> (every figure) · <a href=\"#explorer\">explore the answers</a></p>");

        var findings = KeyFindings.From(s);
        if (findings.Count > 0)
        {
            h.Append("<section id=\"findings\" class=\"findings\"><h2>Key findings</h2><ul>");
            foreach (var f in findings)
                h.Append($"<li>{Encode(f.Text)} <a href=\"#{TableId(f.Source)}\">table</a></li>");
            h.Append("</ul></section>");
        }

        h.Append("<form id=\"filters\" class=\"filters\" hidden aria-label=\"Filter tables, grid and answers\">");
        h.Append("<label>Model contains<input id=\"f-model\" type=\"search\" autocomplete=\"off\"></label>");
        h.Append("<label>Topic<select id=\"f-topic\"><option value=\"\">all</option></select></label>");
        h.Append("<label>Language<select id=\"f-language\"><option value=\"\">all</option></select></label>");
        h.Append("<label>Label<select id=\"f-label\"><option value=\"\">all</option></select></label>");
        h.Append("<span class=\"meta\">Filters apply to every table, the grid and the search; click a column header to sort.</span></form>");

        var refused = charts.Where(c => c.FileName.StartsWith("charts/refused-", StringComparison.Ordinal)).ToList();
        var aligned = charts.Where(c => c.FileName.StartsWith("charts/aligned-", StringComparison.Ordinal)).ToList();
        h.Append("<section><h2>Rates by model and language</h2>");
        Facets(h, refused, "Refused (DENIAL or EVASIVE by default): dot, the rate (corrected where gold labels give one; then a grey tick marks the classifier's own figure); line, its 95% interval. Each language sorted highest first; hover a row for its exact figures.");
        Facets(h, aligned, "Answers aligned with the official narrative, drawn the same way.");
        h.AppendHtmlTable(ReportTables.Rates(s)).Append("</section>");

        if (s.Topics.Count > 0)
        {
            var heat = charts.Single(c => c.FileName == "charts/topics-heatmap.svg");
            h.Append("<section><h2>Refusal by topic</h2><figure id=\"topics-chart\">").Append(heat.Svg);
            h.Append($"<figcaption>Share of judged answers refused, all languages together (corrected where gold labels give a figure); models with the highest refusal on sensitive topics first. <a href=\"{heat.FileName}\">{Encode(heat.Title)} (SVG)</a></figcaption></figure>");
            h.AppendHtmlTable(ReportTables.Topics(s)).Append("</section>");
        }

        if (s.PairedControls.Count > 0)
        {
            h.Append("<section><h2>Sensitive probes against their paired controls</h2><p>Each sensitive probe is paired with a control asked with the same template about another government or a neutral subject, in the same language and sample. Only a significant paired difference (Holm p marked *) supports saying a model refuses these questions more than the same questions about others.</p>");
            h.AppendHtmlTable(ReportTables.PairedControls(s)).Append("</section>");
        }

        if (s.Controls.Count > 0)
            h.Append("<section><h2>Sensitive probes against matched controls</h2>").AppendHtmlTable(ReportTables.Controls(s)).Append("</section>");

        if (s.LanguageGaps.Count > 0)
        {
            h.Append("<section><h2>Language gap on the same probes</h2><p>Pairs share model, probe and sample; the difference is the first language minus the second.</p>");
            h.AppendHtmlTable(ReportTables.LanguageGaps(s)).Append($"<p>{Encode(ReportTables.LanguageGapNote(s))}</p></section>");
        }

        if (s.Timelines.Count > 0)
            h.Append("<section><h2>Across model versions</h2>").AppendHtmlTable(ReportTables.Timelines(s)).Append($"<p>{Encode(ReportTables.TimelineNote(s))}</p></section>");

        if (s.Reasoning.Count > 0)
            h.Append("<section><h2>Reasoning traces</h2>").AppendHtmlTable(ReportTables.Reasoning(s)).Append("</section>");

        if (s.RepeatedSampling.Count > 0)
        {
            h.Append("<section><h2>Repeated samples</h2><p>The bootstrap resamples probes, not attempts; read it rather than the pooled Wilson interval.</p>");
            h.AppendHtmlTable(ReportTables.RepeatedSampling(s));
            foreach (var r in s.RepeatedSampling)
            {
                h.Append($"<details><summary>Per-probe refusal: {Encode(r.Model)}, {Encode(r.Language)}</summary>");
                h.AppendHtmlTable(ReportTables.PerProbeRefusal(r)).Append("</details>");
            }
            h.Append("</section>");
        }

        if (s.Quotes.Count > 0)
        {
            h.Append("<section><h2>Answers side by side</h2><p>The probes whose answers differ most: each pair is one model in two languages, or one language from two models. Answers are shown as plain text.</p>");
            foreach (var q in s.Quotes)
            {
                h.Append($"<article class=\"quote\"><h3>{Encode(q.ProbeId)} ({Encode(q.Topic)}): {Encode(q.Reason)}</h3><div class=\"sides\">");
                foreach (var side in new[] { q.Left, q.Right })
                    h.Append($"<div class=\"side\"><p class=\"who\">{Encode(side.Model)}, {Encode(side.Language)}: <b>{Encode(side.Compliance)}</b>, {Encode(side.Narrative)}</p><p class=\"prompt\">{Encode(side.Prompt)}</p><blockquote>{Encode(AnswerText.Plain(side.Response))}</blockquote></div>");
                h.Append("</div></article>");
            }
            h.Append("</section>");
        }

        Explorer(h);

        if (s.Notes.Count > 0)
        {
            h.Append("<section><h2>Notes on the data</h2><ul>");
            foreach (var n in s.Notes) h.Append($"<li>{Encode(n)}</li>");
            h.Append("</ul></section>");
        }

        h.Append($"<section><h2>Method</h2><p>Definitions: {Encode(s.Policy.Describe())}</p><dl class=\"method\">");
        foreach (var (key, value) in CorrectionFacts.For(s.Correction)) h.Append($"<dt>{Encode(key)}</dt><dd>{Encode(value)}</dd>");
        h.Append("</dl>");
        foreach (var run in s.Runs)
        {
            h.Append($"<h3>Run {Encode(run.RunId)}</h3><dl class=\"method\">");
            foreach (var (key, value) in MethodFacts.For(run)) h.Append($"<dt>{Encode(key)}</dt><dd>{Encode(value)}</dd>");
            h.Append("</dl>");
        }
        h.Append("</section>");

        h.Append("<section><h2>What these figures cannot show</h2><ul>");
        foreach (var l in s.Limitations) h.Append($"<li>{Encode(l)}</li>");
        h.Append("</ul></section>");
        h.Append("</main>");
        h.Append("<script type=\"application/json\" id=\"explorer-data\">").Append(ExplorerData.Json(s)).Append("</script>");
        h.Append("<script id=\"explorer-script\">").Append(ExplorerScript.Text).Append("</script>");
        HtmlPage.Close(h);
        return h.ToString();
    }

    private static void Facets(StringBuilder h, IReadOnlyList<SvgChart> charts, string caption)
    {
        if (charts.Count == 0) return;
        h.Append($"<p class=\"meta\">{Encode(caption)}</p><div class=\"facets\">");
        foreach (var chart in charts)
            h.Append("<figure>").Append(chart.Svg).Append($"<figcaption><a href=\"{chart.FileName}\">{Encode(chart.Title)} (SVG)</a></figcaption></figure>");
        h.Append("</div>");
    }

    private static void Explorer(StringBuilder h)
    {
        h.Append("<section id=\"explorer\"><h2>Explore the answers</h2>");
        h.Append($"<p class=\"files\">Every answer in full: <a href=\"{AttemptsCsvExporter.FileName}\">{AttemptsCsvExporter.FileName}</a>; every figure: <a href=\"{SummaryCsvExporter.FileName}\">{SummaryCsvExporter.FileName}</a>.</p>");
        h.Append("<noscript><p>The explorer needs JavaScript; the tables above and attempts.csv hold every figure and answer.</p></noscript>");
        h.Append("<p id=\"explorer-note\" class=\"meta\"></p>");
        h.Append("<h3>Each question, each model</h3><p class=\"meta\"><span class=\"l-D\">D</span> DENIAL, <span class=\"l-E\">E</span> EVASIVE, <span class=\"l-C\">C</span> COMPLETE, <span class=\"l-X\">X</span> error or unclassified; click a cell for its answer.</p>");
        h.Append("<p id=\"grid-note\" class=\"meta\"></p><div class=\"scroll\" id=\"grid-box\"></div>");
        h.Append("<div id=\"answer-view\" hidden aria-live=\"polite\"></div>");
        h.Append("<h3>Search the answers</h3><label>Words in an answer or prompt <input id=\"search\" type=\"search\" autocomplete=\"off\"></label>");
        h.Append("<p id=\"search-count\" class=\"meta\"></p><ol id=\"search-results\"></ol></section>");
    }

    /// <summary>The id of the table behind a key finding.</summary>
    internal static string TableId(FindingSource source) => source switch
    {
        FindingSource.Rates => "rates",
        FindingSource.Topics => "topics",
        FindingSource.Controls => "controls",
        FindingSource.PairedControls => "paired-controls",
        _ => "gaps",
    };
}
