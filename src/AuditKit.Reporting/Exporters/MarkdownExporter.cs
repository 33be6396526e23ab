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

    /// <summary>
    /// The Markdown text of the report, at most <see cref="ReportPolicy.MaxMarkdownChars"/> characters: when the whole
    /// report is longer, quotes are shortened and then left out, then the longest tables, each with a pointer to the
    /// file that holds it (report.html, summary.csv, rates_wide.csv, attempts.csv), so it can be pasted where results are discussed.
    /// </summary>
    public static string Render(AuditSummary s)
    {
        int limit = s.Policy.MaxMarkdownChars;
        for (var detail = Detail.Full; ; detail++)
        {
            string text = Render(s, detail);
            if (text.Length <= limit) return text;
            if (detail == Detail.Least)
                return MarkdownText.CutAt(text, limit, "\n\n**report.md is cut here to stay short; report.html, summary.csv and rates_wide.csv hold every figure.**\n");
        }
    }

    /// <summary>How much of the report fits: each level leaves out more, largest and least read first.</summary>
    private enum Detail
    {
        Full,
        ShortQuotes,
        NoTopics,
        NoQuotes,
        Least,
    }

    private const int ShortQuoteChars = 400;

    private static string Render(AuditSummary s, Detail detail)
    {
        var md = new StringBuilder();
        if (s.IsSmokeTest) md.Append("> **").Append(AuditSummary.SmokeTestWarning).Append("**\n\n");
        md.Append("# ").Append(Cell(s.Title)).Append("\n\n");
        foreach (var w in s.Warnings) md.Append("> **Warning:** ").Append(Cell(w)).Append("\n\n");
        md.Append("Generated ").Append(Numbers.Timestamp(s.GeneratedAt)).Append(" by AuditKit.Reporting ").Append(Cell(s.ReportingVersion)).Append(". ");
        md.Append($"{Numbers.Int(s.Totals.Attempts)} attempts: {Numbers.Int(s.Totals.Judged)} judged, {Numbers.Int(s.Totals.Errors)} errors, {Numbers.Int(s.Totals.Unclassified)} unclassified. ");
        md.Append("Rates are of judged attempts, with 95% intervals in brackets. ");
        md.Append($"Every answer in full: [{AttemptsCsvExporter.FileName}][attempts-csv]; every figure: [{SummaryCsvExporter.FileName}][summary-csv].\n\n");
        if (detail > Detail.Full)
            md.Append("This file is shortened to stay under ").Append(Numbers.Int(s.Policy.MaxMarkdownChars)).Append(" characters; report.html, summary.csv and rates_wide.csv hold every figure, attempts.csv every answer.\n\n");

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
        {
            md.Append("\n## Refusal by topic\n\n");
            if (detail < Detail.NoTopics) md.AppendMarkdownTable(ReportTables.Topics(s));
            else md.Append($"{Numbers.Int(s.Topics.Count)} rows, left out here: see report.html, rates_wide.csv (one row per model) or summary.csv (section topic).\n");
        }

        if (s.Controls.Count > 0)
        {
            if (s.PairedControls.Count > 0)
                md.Append("\n## Sensitive probes against their paired controls\n\nEach sensitive probe meets its own control (same template, language and sample). Only a significant paired difference (Holm p marked *) supports saying a model refuses these questions more than the same questions about others.\n\n")
                    .AppendMarkdownTable(ReportTables.PairedControls(s));
            md.Append("\n## Sensitive probes against matched controls\n\n");
            if (detail < Detail.Least) md.AppendMarkdownTable(ReportTables.Controls(s));
            else md.Append($"{Numbers.Int(s.Controls.Count)} rows, left out here: see report.html or summary.csv (section controls).\n");
        }

        if (s.LanguageGaps.Count > 0)
        {
            md.Append("\n## Language gap on the same probes\n\nPairs share model, probe and sample; the difference is the first language minus the second.\n\n");
            var gaps = ReportTables.LanguageGaps(s);
            if (detail == Detail.Least)
            {
                var significant = s.LanguageGaps.Select((g, i) => (g, i)).Where(x => x.g.Significant).Select(x => gaps.Rows[x.i]).ToList();
                md.Append($"Only the {Numbers.Int(significant.Count)} significant gaps of {Numbers.Int(s.LanguageGaps.Count)} are listed here; report.html and summary.csv (section language\\_gap) have all.\n\n");
                gaps = gaps with { Rows = significant };
            }
            md.AppendMarkdownTable(gaps);
            md.Append('\n').Append(Cell(ReportTables.LanguageGapNote(s))).Append('\n');
        }

        if (s.Timelines.Count > 0)
        {
            md.Append("\n## Across model versions\n\n").AppendMarkdownTable(ReportTables.Timelines(s));
            md.Append('\n').Append(Cell(ReportTables.TimelineNote(s))).Append('\n');
        }

        if (s.Reasoning.Count > 0)
        {
            md.Append("\n## Reasoning traces\n\n");
            if (detail < Detail.Least) md.AppendMarkdownTable(ReportTables.Reasoning(s));
            else md.Append($"{Numbers.Int(s.Reasoning.Count)} rows, left out here: see report.html or summary.csv (section reasoning).\n");
        }

        if (s.RepeatedSampling.Count > 0)
        {
            md.Append("\n## Repeated samples\n\nThe bootstrap resamples probes, not attempts; read it rather than the pooled Wilson interval.\n\n");
            md.AppendMarkdownTable(ReportTables.RepeatedSampling(s));
            if (detail == Detail.Full)
                foreach (var r in s.RepeatedSampling)
                    md.Append($"\n### Per-probe refusal: {Cell(r.Model)}, {Cell(r.Language)}\n\n").AppendMarkdownTable(ReportTables.PerProbeRefusal(r));
            else md.Append("\nThe per-probe tables are in report.html.\n");
        }

        if (s.Quotes.Count > 0)
        {
            md.Append("\n## Answers side by side\n\nThe probes whose answers differ most: each pair is one model in two languages, or one language from two models. Answers are shown as plain text.\n");
            if (detail >= Detail.NoQuotes) md.Append($"\n{Numbers.Int(s.Quotes.Count)} pairs of answers, left out here: see report.html.\n");
            else
                foreach (var q in s.Quotes)
                {
                    md.Append($"\n### {Cell(q.ProbeId)} ({Cell(q.Topic)}): {Cell(q.Reason)}\n");
                    foreach (var side in new[] { q.Left, q.Right })
                    {
                        md.Append($"\n**{Cell(side.Model)}, {Cell(side.Language)}: {side.Compliance}, {side.Narrative}**\n\n");
                        md.Append("Prompt:\n\n").Append(Quote(side.Prompt)).Append("\n\nAnswer:\n\n").Append(Shown(side, detail == Detail.Full ? int.MaxValue : ShortQuoteChars)).Append('\n');
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
            var facts = MethodFacts.For(run);
            if (detail >= Detail.NoQuotes) facts = facts.Where(f => f.Label is "Model" or "Backend" or "Classifier" or "Attempts" or "Suite" || f.Label.EndsWith("SHA-256", StringComparison.Ordinal));
            foreach (var (key, value) in facts) md.Append($"- {Cell(key)}: {Cell(value)}\n");
        }

        md.Append("\n## What these figures cannot show\n\n");
        foreach (var l in s.Limitations) md.Append("- ").Append(Cell(l)).Append('\n');

        md.Append($"\n[attempts-csv]: {AttemptsCsvExporter.FileName}\n[summary-csv]: {SummaryCsvExporter.FileName}\n");
        md.Append("[rates]: #rates-by-model-and-language\n[topics]: #refusal-by-topic\n[controls]: #sensitive-probes-against-matched-controls\n[paired-controls]: #sensitive-probes-against-their-paired-controls\n[gaps]: #language-gap-on-the-same-probes\n");
        return md.ToString();
    }

    /// <summary>
    /// The answer as a block quote, cut at <paramref name="maxChars"/>; a cut answer is followed by where to read it whole.
    /// Whether it was cut is decided on the answer as stored: Markdown syntax dropped for display is no cut.
    /// </summary>
    private static string Shown(QuoteSide side, int maxChars)
    {
        const string builderCut = " […]";
        // The summary cuts a long quote and marks it; an uncut one holds the whole answer, so its length is ResponseLength.
        bool cutByBuilder = side.ResponseLength > 0 && side.Response.Length != side.ResponseLength && side.Response.EndsWith(builderCut, StringComparison.Ordinal);
        string text = AnswerText.Plain(cutByBuilder ? side.Response[..^builderCut.Length] : side.Response);
        text = Core.Attempts.AnswerLimits.Cut(text, maxChars, out bool cutHere);
        if (!cutByBuilder && !cutHere) return Quote(text);
        int whole = Math.Max(side.ResponseLength, side.Response.Length);
        return Quote(text + " […]") + $"\n\n*Cut: {Numbers.Int(text.Length)} of {Numbers.Int(whole)} characters shown" +
               (side.AttemptsCsvRow > 0 ? $"; the whole answer is row {Numbers.Int(side.AttemptsCsvRow)} of attempts.csv.*" : ".*");
    }
}
