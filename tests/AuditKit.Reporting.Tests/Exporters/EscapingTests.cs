using System.Text.RegularExpressions;
using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Tests.Fakes;

namespace AuditKit.Reporting.Tests.Exporters;

public class EscapingTests
{
    private static AuditSummary Hostile() => AuditSummaryBuilder.Build([SampleRuns.Hostile()], ReportPolicy.Default, "<script>alert(1)</script> title", SnapshotBuilder.Time);

    [Fact]
    public void HtmlRender_HostileAnswers_NoMarkupPassesThrough()
    {
        string html = HtmlExporter.Render(Hostile());
        // The only scripts are the explorer's data block and its script; the only links are the report's own.
        Assert.Equal(["<script type=\"application/json\" id=\"explorer-data\">", "<script id=\"explorer-script\">"],
            Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value));
        Assert.All(Regex.Matches(html, "<a [^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value),
            a => Assert.Matches("^<a href=\"(#[a-z-]+|attempts\\.csv|summary\\.csv|charts/[A-Za-z0-9_-]+\\.svg)\">$", a));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div id=\"injected\"", html);
        Assert.DoesNotContain("<b>hostile</b>", html);
        Assert.Contains("&lt;script&gt;window.__pwned = 1;", html);
        Assert.Contains("Content-Security-Policy", html);
    }

    [Fact]
    public void HtmlRender_HostileAnswers_ExplorerDataCannotCloseItsScriptBlock()
    {
        string html = HtmlExporter.Render(Hostile());
        int start = html.IndexOf("<script type=\"application/json\" id=\"explorer-data\">", StringComparison.Ordinal);
        int end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        string json = html[(html.IndexOf('>', start) + 1)..end];

        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain(">", json);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Contains(doc.RootElement.GetProperty("answers").EnumerateArray(), a => a[10].GetString()!.Contains("<script>window.__pwned = 1;", StringComparison.Ordinal));
    }

    [Fact]
    public void MarkdownRender_HostileAnswers_EscapedAndTablesIntact()
    {
        string md = MarkdownExporter.Render(Hostile());
        // No '<' or '>' that is not backslash-escaped (no raw HTML), and no "](" that could open a link.
        Assert.DoesNotMatch(@"(?<!\\)[<>]", System.Text.RegularExpressions.Regex.Replace(md, "(?m)^>( |$)", "")); // block-quote markers are ours
        Assert.DoesNotMatch(@"(?<!\\)\]\(", md);
        Assert.DoesNotContain("[click me](", md);
        Assert.Contains("\\[click me\\]", md);
        Assert.Contains("\\<script\\>", md);
        Assert.Contains("\\|", md);
        Assert.Contains("\\`code\\`", md);
        Assert.Contains("\\# heading", md);
        // Every row of the rates table keeps its 10 columns (11 unescaped pipes) although the model name holds markup.
        var rates = md[md.IndexOf("## Rates by model", StringComparison.Ordinal)..md.IndexOf("## Refusal by topic", StringComparison.Ordinal)];
        var rows = rates.Split('\n').Where(l => l.StartsWith("| evil", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(11, UnescapedPipes(r)));
    }

    [Fact]
    public void MarkdownRender_NewlineInsideCell_DoesNotBreakRow()
    {
        var run = new SnapshotBuilder("multi\nline|model", "r").Add("p", "t", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete).Build();
        string md = MarkdownExporter.Render(AuditSummaryBuilder.Build([run], ReportPolicy.Default, "t", SnapshotBuilder.Time));
        Assert.Contains("| multi ↵ line\\|model | en |", md);
    }

    private static int UnescapedPipes(string row) => row.Where((c, i) => c == '|' && (i == 0 || row[i - 1] != '\\')).Count();
}
