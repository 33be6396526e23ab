using System.Text;
using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.HtmlText;

namespace AuditKit.Reporting.Exporters;

/// <summary>compare.html: the comparison as one self-contained, script-free page, escaped like report.html.</summary>
public sealed class CompareHtmlExporter : IComparisonExporter
{
    public const string FileName = "compare.html";

    public string Name => "compare-html";

    public async Task<IReadOnlyList<string>> ExportAsync(ComparisonResult comparison, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await File.WriteAllTextAsync(path, Render(comparison), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    public static string Render(ComparisonResult c)
    {
        var h = new StringBuilder();
        HtmlPage.Open(h, "Comparison: " + c.Title);
        if (c.IsSmokeTest) h.Append($"<p class=\"smoke\" id=\"smoke-test\">{Encode(AuditSummary.SmokeTestWarning)}</p>");
        h.Append($"<h1>Comparison: {Encode(c.Title)}</h1><p class=\"verdict\" id=\"verdict\">{Encode(c.Verdict)}</p>");
        h.Append($"<p class=\"meta\">Base run {Encode(c.Base.RunId)} ({Encode(c.Base.Manifest.Model.Name)}) against candidate run {Encode(c.Candidate.RunId)} ({Encode(c.Candidate.Manifest.Model.Name)}); ");
        h.Append($"{c.Overall.Pairs} pairs (same probe, language and sample), {c.UnpairedBase} base and {c.UnpairedCandidate} candidate attempts unpaired. Differences are candidate minus base. Generated {Numbers.Timestamp(c.GeneratedAt)}.</p>");
        h.AppendHtmlTable(ReportTables.ComparisonCells(c));
        h.Append($"<p>* significant after Holm's correction across all {Numbers.Int(c.Tests)} tests of this table (refusal and alignment in every stratum) at alpha = {Numbers.Fixed(c.Policy.Alpha, "0.###")}.</p>");

        h.Append($"<section><h2>Flips ({c.Flips.Count})</h2>");
        if (c.Flips.Count > c.Policy.MaxFlipsShown) h.Append($"<p>The first {c.Policy.MaxFlipsShown} are shown; flips.csv lists all of them.</p>");
        foreach (var f in c.Flips.Take(c.Policy.MaxFlipsShown))
        {
            h.Append($"<article class=\"quote\"><h3>{Encode(f.ProbeId)} ({Encode(f.Topic)}, {Encode(f.Language)}, sample {f.Sample}): {Encode(string.Join(", ", f.Changes))}</h3><p class=\"prompt\">{Encode(f.Prompt)}</p><div class=\"sides\">");
            h.Append($"<div class=\"side\"><p class=\"who\">Base: <b>{Encode(f.BaseCompliance)}</b>, {Encode(f.BaseNarrative)}</p><blockquote>{Encode(f.BaseResponse)}</blockquote></div>");
            h.Append($"<div class=\"side\"><p class=\"who\">Candidate: <b>{Encode(f.CandidateCompliance)}</b>, {Encode(f.CandidateNarrative)}</p><blockquote>{Encode(f.CandidateResponse)}</blockquote></div></div></article>");
        }
        h.Append($"</section><section><h2>Method</h2><p>Definitions: {Encode(c.Policy.Describe())}</p>");
        foreach (var (label, run) in new[] { ("Base", c.Base), ("Candidate", c.Candidate) })
        {
            h.Append($"<h3>{label}: run {Encode(run.RunId)}</h3><dl class=\"method\">");
            foreach (var (key, value) in MethodFacts.For(run)) h.Append($"<dt>{Encode(key)}</dt><dd>{Encode(value)}</dd>");
            h.Append("</dl>");
        }
        h.Append("</section>");
        HtmlPage.Close(h);
        return h.ToString();
    }
}
