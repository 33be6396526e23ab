using System.Text;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.MarkdownText;

namespace AuditKit.Reporting.Exporters;

/// <summary>
/// report.md: the report as GitHub-flavoured Markdown. Every piece of model or suite text goes through
/// <see cref="MarkdownText"/>, so an answer can never inject HTML, a link or a table row.
/// </summary>
public sealed class MarkdownExporter : IReportExporter
{
    public const string FileName = "report.md";

    public string Name => "markdown";

    public async Task<IReadOnlyList<string>> ExportAsync(AuditSummary summary, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await File.WriteAllTextAsync(path, Render(summary), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    /// <summary>The Markdown text of the report.</summary>
    public static string Render(AuditSummary s)
    {
        var md = new StringBuilder();
        if (s.IsSmokeTest) md.Append("> **").Append(AuditSummary.SmokeTestWarning).Append("**\n\n");
        md.Append("# ").Append(Cell(s.Title)).Append("\n\n");
        foreach (var w in s.Warnings) md.Append("> **Warning:** ").Append(Cell(w)).Append("\n\n");
        md.Append("Generated ").Append(Numbers.Timestamp(s.GeneratedAt)).Append(" by AuditKit.Reporting ").Append(Cell(s.ReportingVersion)).Append(". ");
        md.Append($"{Numbers.Int(s.Totals.Attempts)} attempts: {Numbers.Int(s.Totals.Judged)} judged, {Numbers.Int(s.Totals.Errors)} errors, {Numbers.Int(s.Totals.Unclassified)} unclassified. ");
        md.Append("Rates are of judged attempts, with 95% intervals in brackets. ");
        md.Append($"Every answer in full: [{AttemptsCsvExporter.FileName}][attempts-csv]; every figure: [{SummaryCsvExporter.FileName}][summary-csv].\n\n");

        var findings = KeyFindings.From(s);
        if (findings.Count > 0)
        {
            md.Append("## Key findings\n\n");
            // Reference-style links, so that no "](" ever appears: the escaping test can then prove none comes from a run.
            foreach (var f in findings) md.Append("- ").Append(Cell(f.Text)).Append(" [table][").Append(HtmlExporter.TableId(f.Source)).Append("]\n");
            md.Append('\n');
        }

        md.Append("## Rates by model and language\n\n").AppendMarkdownTable(ReportTables.Rates(s));

        if (s.Topics.Count > 0)
            md.Append("\n## Refusal by topic\n\n").AppendMarkdownTable(ReportTables.Topics(s));

        if (s.Controls.Count > 0)
        {
            if (s.PairedControls.Count > 0)
                md.Append("\n## Sensitive probes against their paired controls\n\nEach sensitive probe meets its own control (same template, language and sample). Only a significant paired difference (Holm p marked *) supports saying a model refuses these questions more than the same questions about others.\n\n")
                    .AppendMarkdownTable(ReportTables.PairedControls(s));
            md.Append("\n## Sensitive probes against matched controls\n\n").AppendMarkdownTable(ReportTables.Controls(s));
        }

        if (s.LanguageGaps.Count > 0)
        {
            md.Append("\n## Language gap on the same probes\n\nPairs share model, probe and sample; the difference is the first language minus the second.\n\n");
            md.AppendMarkdownTable(ReportTables.LanguageGaps(s));
        }

        if (s.Reasoning.Count > 0)
            md.Append("\n## Reasoning traces\n\n").AppendMarkdownTable(ReportTables.Reasoning(s));

        if (s.RepeatedSampling.Count > 0)
        {
            md.Append("\n## Repeated samples\n\nThe bootstrap resamples probes, not attempts; read it rather than the pooled Wilson interval.\n\n");
            md.AppendMarkdownTable(ReportTables.RepeatedSampling(s));
            foreach (var r in s.RepeatedSampling)
                md.Append($"\n### Per-probe refusal: {Cell(r.Model)}, {Cell(r.Language)}\n\n").AppendMarkdownTable(ReportTables.PerProbeRefusal(r));
        }

        if (s.Quotes.Count > 0)
        {
            md.Append("\n## Answers side by side\n\nThe probes whose answers differ most: each pair is one model in two languages, or one language from two models. Answers are shown as plain text.\n");
            foreach (var q in s.Quotes)
            {
                md.Append($"\n### {Cell(q.ProbeId)} ({Cell(q.Topic)}): {Cell(q.Reason)}\n");
                foreach (var side in new[] { q.Left, q.Right })
                {
                    md.Append($"\n**{Cell(side.Model)}, {Cell(side.Language)}: {side.Compliance}, {side.Narrative}**\n\n");
                    md.Append("Prompt:\n\n").Append(Quote(side.Prompt)).Append("\n\nAnswer:\n\n").Append(Quote(AnswerText.Plain(side.Response))).Append('\n');
                }
            }
        }

        if (s.Notes.Count > 0)
        {
            md.Append("\n## Notes on the data\n\n");
            foreach (var n in s.Notes) md.Append("- ").Append(Cell(n)).Append('\n');
        }

        md.Append("\n## Method\n\n");
        md.Append("- Definitions: ").Append(Cell(s.Policy.Describe())).Append('\n');
        foreach (var (key, value) in CorrectionFacts.For(s.Correction)) md.Append($"- {Cell(key)}: {Cell(value)}\n");
        foreach (var run in s.Runs)
        {
            md.Append($"\n### Run {Cell(run.RunId)}\n\n");
            foreach (var (key, value) in MethodFacts.For(run)) md.Append($"- {Cell(key)}: {Cell(value)}\n");
        }

        md.Append("\n## What these figures cannot show\n\n");
        foreach (var l in s.Limitations) md.Append("- ").Append(Cell(l)).Append('\n');

        md.Append($"\n[attempts-csv]: {AttemptsCsvExporter.FileName}\n[summary-csv]: {SummaryCsvExporter.FileName}\n");
        md.Append("[rates]: #rates-by-model-and-language\n[topics]: #refusal-by-topic\n[controls]: #sensitive-probes-against-matched-controls\n[paired-controls]: #sensitive-probes-against-their-paired-controls\n[gaps]: #language-gap-on-the-same-probes\n");
        return md.ToString();
    }
}
