using System.Text;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.HtmlText;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// report.html: one self-contained page (inline CSS, inline SVG charts, no script, font or external asset) that reads
/// offline and prints. All model and suite text is HTML-escaped, and a Content-Security-Policy forbids scripts as a
/// second line of defence.
/// </summary>
public sealed class HtmlExporter : IReportExporter
{
    public const string FileName = "report.html";

    public string Name => "html";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await File.WriteAllTextAsync(path, Render(summary), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    /// <summary>The HTML text of the report.</summary>
    public static string Render(AuditSummary s)
    {
        var h = new StringBuilder();
        HtmlPage.Open(h, s.Title);
        if (s.IsSmokeTest) h.Append($"<p class=\"smoke\" id=\"smoke-test\">{Encode(AuditSummary.SmokeTestWarning)}</p>");
        h.Append($"<h1>{Encode(s.Title)}</h1>");
        foreach (var w in s.Warnings) h.Append($"<p class=\"warning\">{Encode(w)}</p>");
        h.Append($"<p class=\"meta\">Generated {Numbers.Timestamp(s.GeneratedAt)} by AuditKit.Reporting {Encode(s.ReportingVersion)}. ");
        h.Append($"{Numbers.Int(s.Totals.Attempts)} attempts: {Numbers.Int(s.Totals.Judged)} judged, {Numbers.Int(s.Totals.Errors)} errors, {Numbers.Int(s.Totals.Unclassified)} unclassified. Rates are of judged attempts, with 95% intervals in brackets.</p>");

        h.Append("<section><h2>Rates by model and language</h2><figure>").Append(SvgCharts.RateBars(s.ModelLanguages)).Append("<figcaption>Bars: rate; whiskers: 95% Wilson interval.</figcaption></figure>");
        h.AppendHtmlTable(ReportTables.Rates(s)).Append("</section>");

        if (s.Topics.Count > 0)
        {
            h.Append("<section><h2>Refusal by topic</h2><figure>").Append(SvgCharts.TopicHeatmap(s.Topics)).Append("<figcaption>Share of judged answers refused (DENIAL or EVASIVE by default), all languages together.</figcaption></figure>");
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
            h.AppendHtmlTable(ReportTables.LanguageGaps(s)).Append("</section>");
        }

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
            h.Append("<section><h2>Answers side by side</h2><p>The probes whose answers differ most between languages or models.</p>");
            foreach (var q in s.Quotes)
            {
                h.Append($"<article class=\"quote\"><h3>{Encode(q.ProbeId)} ({Encode(q.Topic)}): {Encode(q.Reason)}</h3><div class=\"sides\">");
                foreach (var side in new[] { q.Left, q.Right })
                    h.Append($"<div class=\"side\"><p class=\"who\">{Encode(side.Model)}, {Encode(side.Language)}: <b>{Encode(side.Compliance)}</b>, {Encode(side.Narrative)}</p><p class=\"prompt\">{Encode(side.Prompt)}</p><blockquote>{Encode(side.Response)}</blockquote></div>");
                h.Append("</div></article>");
            }
            h.Append("</section>");
        }

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
        HtmlPage.Close(h);
        return h.ToString();
    }
}
