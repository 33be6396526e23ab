using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Rendering;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting.Review;

/// <summary>
/// The offline labelling page: one HTML file that shows one answer at a time with the codebook at hand, takes labels
/// by button or key, keeps them in the browser's localStorage under the sheet's key, and saves the review sheet's CSV
/// (<see cref="ReviewSheet"/>) with them filled in. Model output is hostile: it travels as JSON with every character
/// that could end the script block escaped, is shown with textContent only, and a Content-Security-Policy lets only
/// the page's own script run (by its hash) and nothing load from the network.
/// </summary>
public static class ReviewPage
{
    private static readonly (ComplianceLabel Label, string Key)[] ComplianceKeys =
        [(ComplianceLabel.Complete, "1"), (ComplianceLabel.Evasive, "2"), (ComplianceLabel.Denial, "3")];

    private static readonly (NarrativeLabel Label, string Key)[] NarrativeKeys =
        [(NarrativeLabel.Aligned, "a"), (NarrativeLabel.Critical, "c"), (NarrativeLabel.Balanced, "b"), (NarrativeLabel.None, "n")];

    private static readonly string ScriptHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(ReviewPageScript.Text)));

    /// <summary>
    /// The policy the page carries. No default source, so nothing is fetched; scripts only by the hash of the page's
    /// own script, so an answer that escaped its JSON block still could not run.
    /// </summary>
    internal static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; script-src 'sha256-{ScriptHash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    /// <summary>Writes the page atomically. The CSV it saves is named after the page: <c>review.html</c> saves <c>review-labels.csv</c>.</summary>
    /// <param name="codebookMarkdown">The codebook (models/CODEBOOK.md) shown beside the answers.</param>
    /// <exception cref="ArgumentException">An item's attempt id is not shaped like one, or two items share one.</exception>
    public static void Write(string path, IReadOnlyList<ReviewItem> items, string codebookMarkdown)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(codebookMarkdown);
        ReviewSheet.CheckIds(items);

        string full = Path.GetFullPath(path);
        string html = Render(items, codebookMarkdown, Path.GetFileNameWithoutExtension(full) + "-labels.csv");
        string temp = $"{full}.{Guid.NewGuid().ToString("N")[..8]}.tmp";
        try
        {
            File.WriteAllText(temp, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string Render(IReadOnlyList<ReviewItem> items, string codebookMarkdown, string csvName)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<meta name=\"referrer\" content=\"no-referrer\">");
        h.Append("<title>AuditKit blind review: ").Append(items.Count).Append(" answers</title>");
        h.Append("<style>").Append(ReviewPageStyle.Text).Append("</style></head><body>");

        h.Append("<header class=\"bar\"><div class=\"progress\"><h1>AuditKit blind review</h1>");
        h.Append("<p><strong id=\"progress\" aria-live=\"polite\"></strong><span id=\"partly\"></span><span id=\"unsaved\"></span></p>");
        h.Append("<div class=\"meter\" aria-hidden=\"true\"><div id=\"meter-fill\"></div></div></div>");
        h.Append("<nav aria-label=\"Answers\"><button id=\"prev\" type=\"button\" title=\"Previous answer (K or Left arrow)\"><kbd>K</kbd>Previous</button>");
        h.Append("<span id=\"position\"></span>");
        h.Append("<button id=\"next\" type=\"button\" title=\"Next answer (J or Right arrow)\"><kbd>J</kbd>Next</button>");
        h.Append("<button id=\"next-open\" type=\"button\" title=\"Next answer without both labels (U)\"><kbd>U</kbd>Next unlabelled</button></nav>");
        h.Append("<div class=\"actions\"><button id=\"codebook-toggle\" type=\"button\" aria-controls=\"codebook\" aria-expanded=\"false\" title=\"Show or hide the codebook (?)\"><kbd>?</kbd>Codebook</button>");
        h.Append("<button id=\"save\" class=\"primary\" type=\"button\" title=\"Download the sheet with your labels (Ctrl+S)\">Save CSV</button></div></header>");

        h.Append("<noscript><p class=\"notice\">This page needs JavaScript to show the answers. Without it, label the CSV sheet in a spreadsheet instead.</p></noscript>");
        h.Append("<p class=\"notice\" id=\"storage-warning\" hidden>This browser does not keep the labels across a reload (storage is off or full): save the CSV before closing the page.</p>");
        h.Append("<p id=\"status\" role=\"status\"></p>");

        h.Append("<div class=\"layout\"><main>");
        h.Append("<p class=\"meta\"><span id=\"meta\"></span><span id=\"state\" class=\"state\"></span></p>");
        h.Append("<h2>Prompt</h2><div id=\"prompt\" class=\"text prompt\" dir=\"auto\"></div>");
        h.Append("<details id=\"reasoning-box\" hidden><summary>Reasoning trace <span id=\"reasoning-size\"></span>: context only, not judged</summary>");
        h.Append("<div id=\"reasoning\" class=\"text\" dir=\"auto\"></div></details>");
        h.Append("<h2>Answer: judge this</h2><div id=\"answer\" class=\"text answer\" dir=\"auto\"></div>");
        h.Append("</main>");

        h.Append("<aside id=\"codebook\" aria-label=\"Codebook\"><div class=\"codebook-head\"><h2>Codebook</h2>");
        h.Append("<button id=\"codebook-close\" type=\"button\" title=\"Close the codebook (Esc)\">Close</button></div>");
        h.Append(CodebookHtml.Render(codebookMarkdown)).Append("</aside></div>");

        h.Append("<footer class=\"labels\">");
        h.Append("<fieldset class=\"group\"><legend>Compliance</legend>");
        foreach (var (label, key) in ComplianceKeys) LabelButton(h, "compliance", LabelNames.Of(label), key);
        h.Append("</fieldset><fieldset class=\"group\"><legend>Narrative</legend>");
        foreach (var (label, key) in NarrativeKeys) LabelButton(h, "narrative", LabelNames.Of(label), key);
        h.Append("</fieldset><label class=\"note\"><span>Note (<kbd>/</kbd>, Enter to leave)</span>");
        h.Append("<input id=\"note\" type=\"text\" autocomplete=\"off\" spellcheck=\"true\" maxlength=\"2000\"></label></footer>");

        h.Append("<script type=\"application/json\" id=\"review-data\">").Append(Data(items, csvName)).Append("</script>");
        h.Append("<script>").Append(ReviewPageScript.Text).Append("</script></body></html>");
        return h.ToString();
    }

    private static void LabelButton(StringBuilder h, string kind, string name, string key) =>
        h.Append("<button type=\"button\" aria-pressed=\"false\" data-").Append(kind).Append("=\"").Append(name)
            .Append("\" data-key=\"").Append(key).Append("\" title=\"").Append(name).Append(" (key ").Append(key.ToUpperInvariant())
            .Append("; click again to clear)\"><kbd>").Append(key.ToUpperInvariant()).Append("</kbd>").Append(name).Append("</button>");

    /// <summary>
    /// The items as JSON that is safe inside a script element: &lt; &gt; &amp; can never close it or open a comment,
    /// and U+2028/U+2029 are escaped for older JavaScript parsers. Chinese and Hindi stay readable, not \u-escaped.
    /// </summary>
    internal static string Data(IReadOnlyList<ReviewItem> items, string csvName) => ScriptJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("storage_key", "auditkit-review:" + SheetKey(items));
            json.WriteString("csv_name", csvName);
            json.WriteNumber("max_cell", ReviewSheet.MaxCellLength);
            WriteArray(json, "columns", ReviewSheet.Columns);
            WriteArray(json, "compliance", [.. ReviewSheet.ComplianceLabels.Select(LabelNames.Of)]);
            WriteArray(json, "narrative", [.. ReviewSheet.NarrativeLabels.Select(LabelNames.Of)]);
            json.WriteStartArray("items");
            foreach (var item in items)
            {
                json.WriteStartObject();
                json.WriteString("attempt_id", item.AttemptId);
                json.WriteString("model", ReviewSheet.WellFormed(item.Model));
                json.WriteString("probe_id", ReviewSheet.WellFormed(item.ProbeId));
                json.WriteString("topic", ReviewSheet.WellFormed(item.Topic));
                json.WriteString("language", ReviewSheet.WellFormed(item.Language));
                json.WriteNumber("sample", item.Sample);
                json.WriteString("prompt", ReviewSheet.WellFormed(item.Prompt));
                json.WriteString("reasoning", item.Reasoning is null ? null : ReviewSheet.WellFormed(item.Reasoning));
                json.WriteString("answer", ReviewSheet.WellFormed(item.Answer));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteArray(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values) json.WriteStringValue(v);
        json.WriteEndArray();
    }

    /// <summary>The same sample gives the same key, so a page written again for it finds the labels already given.</summary>
    private static string SheetKey(IReadOnlyList<ReviewItem> items)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', items.Select(i => i.AttemptId))));
        return Convert.ToHexStringLower(hash)[..16];
    }
}
