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
        h.Append($"<p class=\"meta\">Generated {Numbers.Timestamp(s.GeneratedAt)} by AuditKit.Reporting {Encode(s.ReportingVersion)}. ");
        h.Append($"{Numbers.Int(s.Totals.Attempts)} attempts: {Numbers.Int(s.Totals.Judged)} judged, {Numbers.Int(s.Totals.Errors)} errors, {Numbers.Int(s.Totals.Unclassified)} unclassified. Rates are of judged attempts, with 95% intervals in brackets.</p>");

        h.Append("<section><h2>Rates by model and language</h2><figure>").Append(SvgCharts.RateBars(s.ModelLanguages)).Append("<figcaption>Bars: rate; whiskers: 95% Wilson interval.</figcaption></figure>");
        h.Append("<table id=\"rates\"><thead><tr><th>model</th><th>language</th><th>n</th><th>errors</th><th>unclassified</th><th>DENIAL</th><th>EVASIVE</th><th>COMPLETE</th><th>ALIGNED</th><th>refused</th></tr></thead><tbody>");
        foreach (var r in s.ModelLanguages)
            h.Append($"<tr><td>{Encode(r.Model)}</td><td>{Encode(r.Language)}</td><td class=\"num\">{r.Judged}</td><td class=\"num\">{r.Errors}</td><td class=\"num\">{r.Unclassified}</td>{Num(Numbers.Rate(r.Denial))}{Num(Numbers.Rate(r.Evasive))}{Num(Numbers.Rate(r.Complete))}{Num(Numbers.Rate(r.Aligned))}{Num(Numbers.Rate(r.Refusal))}</tr>");
        h.Append("</tbody></table></section>");

        if (s.Topics.Count > 0)
        {
            h.Append("<section><h2>Refusal by topic</h2><figure>").Append(SvgCharts.TopicHeatmap(s.Topics)).Append("<figcaption>Share of judged answers refused (DENIAL or EVASIVE by default), all languages together.</figcaption></figure>");
            h.Append("<table id=\"topics\"><thead><tr><th>topic</th><th>control</th><th>model</th><th>n</th><th>refused</th><th>EVASIVE</th></tr></thead><tbody>");
            foreach (var t in s.Topics)
                h.Append($"<tr><td>{Encode(t.Topic)}</td><td>{(t.IsControl ? "yes" : "")}</td><td>{Encode(t.Model)}</td><td class=\"num\">{t.Judged}</td>{Num(Numbers.Rate(t.Refusal))}{Num(Numbers.Rate(t.Evasion))}</tr>");
            h.Append("</tbody></table></section>");
        }

        if (s.Controls.Count > 0)
        {
            h.Append("<section><h2>Sensitive probes against matched controls</h2><table id=\"controls\"><thead><tr><th>model</th><th>language</th><th>sensitive refused</th><th>control refused</th><th>difference</th></tr></thead><tbody>");
            foreach (var c in s.Controls)
                h.Append($"<tr><td>{Encode(c.Model)}</td><td>{Encode(c.Language)}</td>{Num(Numbers.Rate(c.Sensitive))}{Num(Numbers.Rate(c.Control))}{Num(Numbers.Difference(c.Difference))}</tr>");
            h.Append("</tbody></table></section>");
        }

        if (s.LanguageGaps.Count > 0)
        {
            h.Append("<section><h2>Language gap on the same probes</h2><p>Pairs share model, probe and sample; the difference is the first language minus the second.</p>");
            h.Append("<table id=\"gaps\"><thead><tr><th>model</th><th>languages</th><th>pairs</th><th>refused (first)</th><th>refused (second)</th><th>difference</th><th>McNemar p</th></tr></thead><tbody>");
            foreach (var g in s.LanguageGaps)
                h.Append($"<tr><td>{Encode(g.Model)}</td><td>{Encode(g.Pair.ToString())}</td><td class=\"num\">{g.Pairs}</td>{Num(Numbers.Rate(g.FirstRefusal))}{Num(Numbers.Rate(g.SecondRefusal))}{Num(Numbers.Difference(g.Difference))}{Num(Encode(Numbers.P(g.McNemarP)))}</tr>");
            h.Append("</tbody></table></section>");
        }

        if (s.Reasoning.Count > 0)
        {
            h.Append("<section><h2>Reasoning traces</h2><table id=\"reasoning\"><thead><tr><th>model</th><th>language</th><th>reasoning attempts</th><th>thought suppressed</th><th>facts only in reasoning</th><th>attempts hiding facts</th></tr></thead><tbody>");
            foreach (var r in s.Reasoning)
                h.Append($"<tr><td>{Encode(r.Model)}</td><td>{Encode(r.Language)}</td><td class=\"num\">{r.ReasoningAttempts}</td>{Num(Numbers.Rate(r.ThoughtSuppression))}<td class=\"num\">{r.FactsOnlyInReasoning}</td><td class=\"num\">{r.AttemptsWithHiddenFacts}</td></tr>");
            h.Append("</tbody></table></section>");
        }

        if (s.RepeatedSampling.Count > 0)
        {
            h.Append("<section><h2>Repeated samples</h2><p>The bootstrap resamples probes, not attempts; read it rather than the pooled Wilson interval.</p>");
            h.Append("<table id=\"repeated\"><thead><tr><th>model</th><th>language</th><th>probes</th><th>samples per probe</th><th>refused (pooled, Wilson)</th><th>probe bootstrap</th></tr></thead><tbody>");
            foreach (var r in s.RepeatedSampling)
                h.Append($"<tr><td>{Encode(r.Model)}</td><td>{Encode(r.Language)}</td><td class=\"num\">{r.Probes}</td><td class=\"num\">{r.MaxSamplesPerProbe}</td>{Num(Numbers.Rate(r.Pooled))}{Num(Numbers.Interval(r.ProbeBootstrapInterval))}</tr>");
            h.Append("</tbody></table>");
            foreach (var r in s.RepeatedSampling)
            {
                h.Append($"<details><summary>Per-probe refusal: {Encode(r.Model)}, {Encode(r.Language)}</summary><table><thead><tr><th>probe</th><th>topic</th><th>refused</th><th>samples</th><th>probability</th></tr></thead><tbody>");
                foreach (var p in r.PerProbe)
                    h.Append($"<tr><td>{Encode(p.ProbeId)}</td><td>{Encode(p.Topic)}</td><td class=\"num\">{p.Refused}</td><td class=\"num\">{p.Samples}</td><td class=\"num\">{Numbers.Pct(p.Probability)}%</td></tr>");
                h.Append("</tbody></table></details>");
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

        h.Append($"<section><h2>Method</h2><p>Definitions: {Encode(s.Policy.Describe())}</p>");
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

    private static string Num(string text) => $"<td class=\"num\">{text}</td>";
}
