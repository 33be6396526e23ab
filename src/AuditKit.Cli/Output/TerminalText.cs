using System.Text;

namespace AuditKit.Cli.Output;

/// <summary>
/// Makes untrusted text (model output, suite ids, file names) safe to print: control characters, including the ESC
/// that starts ANSI sequences, are shown as visible escapes instead of reaching the terminal.
/// </summary>
public static class TerminalText
{
    public static string Safe(string? text, int maxLength = 400)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(Math.Min(text.Length, maxLength + 16));
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length >= maxLength) { sb.Append('…'); break; }
            if (Core.Text.UnsafeCharacters.IsUnsafe(rune))
                sb.Append(rune.Value switch { '\n' => "\\n", '\r' => "\\r", '\t' => "\\t", _ => $"\\u{rune.Value:x4}" });
            else sb.Append(rune.ToString());
        }
        return sb.ToString();
    }
}
