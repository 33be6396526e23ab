using System.Text;
using AuditKit.Reporting.Comparisons;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;
using static AuditKit.Reporting.Rendering.MarkdownText;

namespace AuditKit.Reporting.Exporters;

/// <summary>compare.md: verdict, per topic and language table, and the flips side by side (escaped like report.md).</summary>
public sealed class CompareMarkdownExporter : IComparisonExporter
{
    public const string FileName = "compare.md";

    public string Name => "compare-markdown";

    public async Task<IReadOnlyList<string>> ExportAsync(ComparisonResult comparison, string outputDirectory, CancellationToken cancellationToken)
    {
        string path = Path.Combine(outputDirectory, FileName);
        await File.WriteAllTextAsync(path, Render(comparison), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return [path];
    }

    /// <summary>
    /// A flipped answer as a block quote, cut at <paramref name="maxChars"/> so that two hundred flips of long answers
    /// stay readable in one file; flips.csv keeps every answer whole.
    /// </summary>
    private static string Answer(string text, int maxChars)
    {
        var kept = Core.Attempts.AnswerLimits.Cut(text, maxChars, out bool cut);
        if (!cut) return Quote(text);
        return Quote(kept + " […]") + $"\n\n*Cut: {Numbers.Int(kept.Length)} of {Numbers.Int(text.Length)} characters shown; flips.csv has the whole answer.*";
    }

    /// <summary>
    /// The Markdown text of the comparison, at most <see cref="ReportPolicy.MaxMarkdownChars"/> characters, so it can be
    /// pasted where results are discussed: when the whole is longer, quoted answers are shortened, then fewer flips are
    /// shown (flips.csv has them all), and only then is the text cut.
    /// </summary>
    public static string Render(ComparisonResult c)
    {
        int flips = Math.Min(c.Flips.Count, c.Policy.MaxFlipsShown), quoteChars = c.Policy.MaxQuoteChars;
        while (true)
        {
            string text = Render(c, flips, quoteChars);
            if (text.Length <= c.Policy.MaxMarkdownChars) return text;
            if (quoteChars > ShortQuoteChars) quoteChars = ShortQuoteChars;
            else if (flips > 0) flips /= 2;
            else return MarkdownText.CutAt(text, c.Policy.MaxMarkdownChars, "\n\n**compare.md is cut here to stay short; compare.html and compare.json hold every figure, flips.csv every flip.**\n");
        }
    }

    private const int ShortQuoteChars = 400;

    private static string Render(ComparisonResult c, int flipsShown, int quoteChars)
    {
        var md = new StringBuilder();
        if (c.IsSmokeTest) md.Append("> **").Append(AuditSummary.SmokeTestWarning).Append("**\n\n");
        md.Append("# Comparison: ").Append(Cell(c.Title)).Append("\n\n");
        md.Append("**Verdict: ").Append(Cell(c.Verdict)).Append("**\n\n");
        md.Append($"Base run {Cell(c.Base.RunId)} ({Cell(c.Base.Manifest.Model.Name)}) against candidate run {Cell(c.Candidate.RunId)} ({Cell(c.Candidate.Manifest.Model.Name)}); ");
        md.Append($"{c.Overall.Pairs} pairs (same probe, language and sample), {c.UnpairedBase} base and {c.UnpairedCandidate} candidate attempts unpaired. ");
        md.Append("Differences are candidate minus base. Generated ").Append(Numbers.Timestamp(c.GeneratedAt)).Append(".\n\n");
        md.AppendMarkdownTable(ReportTables.ComparisonCells(c));
        md.Append("\n\\* significant after Holm's correction across all ").Append(Numbers.Int(c.Tests))
            .Append(" tests of this table (refusal and alignment in every stratum) at alpha = ").Append(Numbers.Fixed(c.Policy.Alpha, "0.###")).Append(".\n");

        md.Append($"\n## Flips ({c.Flips.Count})\n");
        if (c.Flips.Count > flipsShown) md.Append($"\nThe first {flipsShown} are shown; flips.csv lists all of them.\n");
        foreach (var f in c.Flips.Take(flipsShown))
        {
            md.Append($"\n### {Cell(f.ProbeId)} ({Cell(f.Topic)}, {Cell(f.Language)}, sample {f.Sample}): {Cell(string.Join(", ", f.Changes))}\n\n");
            md.Append(Quote(f.Prompt)).Append("\n\n");
            md.Append($"**Base: {f.BaseCompliance}, {f.BaseNarrative}**\n\n").Append(Answer(f.BaseResponse, quoteChars)).Append("\n\n");
            md.Append($"**Candidate: {f.CandidateCompliance}, {f.CandidateNarrative}**\n\n").Append(Answer(f.CandidateResponse, quoteChars)).Append('\n');
        }
        md.Append("\n## Method\n\n- Definitions: ").Append(Cell(c.Policy.Describe())).Append('\n');
        foreach (var (label, run) in new[] { ("Base", c.Base), ("Candidate", c.Candidate) })
        {
            md.Append($"\n### {label}: run {Cell(run.RunId)}\n\n");
            foreach (var (key, value) in MethodFacts.For(run)) md.Append($"- {Cell(key)}: {Cell(value)}\n");
        }
        return md.ToString();
    }
}
