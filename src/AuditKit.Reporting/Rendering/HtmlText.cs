using System.Net;
using System.Text;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Escapes untrusted text (model answers, prompts, suite titles) for HTML text and attribute values alike:
/// &amp;, &lt;, &gt;, both quotes. Control characters other than tab and newline are dropped, since they cannot be
/// shown and some confuse parsers.
/// </summary>
internal static class HtmlText
{
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var clean = new StringBuilder(text.Length);
        foreach (char ch in text)
            if (!char.IsControl(ch) || ch is '\n' or '\t') clean.Append(ch);
        // WebUtility encodes <, >, &, " and ' - enough for both element content and quoted attributes.
        return WebUtility.HtmlEncode(clean.ToString());
    }
}
