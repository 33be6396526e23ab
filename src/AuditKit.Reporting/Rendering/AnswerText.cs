using System.Text;
using System.Text.RegularExpressions;

namespace AuditKit.Reporting.Rendering;

/// <summary>
/// Turns a model's Markdown answer into plain text for quoting: headings, emphasis, code ticks and fences, and link
/// syntax are dropped so a reader sees "Key facts" rather than "### **Key facts**". The words are kept as written; the
/// result is still untrusted text that each format escapes. Raw answers stay untouched in attempts.csv.
/// </summary>
internal static partial class AnswerText
{
    public static string Plain(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown)) return "";
        var sb = new StringBuilder(markdown.Length);
        foreach (var raw in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            string line = raw;
            if (Fence().IsMatch(line)) continue;
            if (Rule().IsMatch(line)) continue;
            line = Heading().Replace(line, "");
            line = Bullet().Replace(line, "$1• ");
            line = Quote().Replace(line, "");
            line = Link().Replace(line, "$1 ($2)");
            line = Strong().Replace(line, "$2");
            line = Emphasis().Replace(line, "$1$2");
            line = line.Replace("`", "");
            sb.Append(line).Append('\n');
        }
        return sb.ToString().TrimEnd('\n');
    }

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*([-*_])(\s*\1){2,}\s*$")]
    private static partial Regex Rule();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(\s*)[*+-]\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s{0,3}>\s?")]
    private static partial Regex Quote();

    [GeneratedRegex(@"!?\[([^\]\n]*)\]\(([^)\s]*)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(^|[\s(])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?=$|[\s).,;:!?])")]
    private static partial Regex Emphasis();
}
