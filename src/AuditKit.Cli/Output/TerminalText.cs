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

    /// <summary>
    /// JSON for the terminal: characters of <see cref="Core.Text.UnsafeCharacters"/> become <c>\uXXXX</c> escapes. They
    /// can only stand inside JSON strings (the whitespace between tokens is plain), where the escape reads back the same.
    /// </summary>
    public static string SafeJson(string json)
    {
        StringBuilder? sb = null;
        int copied = 0, at = 0;
        foreach (var rune in json.EnumerateRunes())
        {
            if (rune.Value is not ('\n' or '\r' or '\t') && Core.Text.UnsafeCharacters.IsUnsafe(rune))
            {
                sb ??= new StringBuilder(json.Length + 16);
                sb.Append(json, copied, at - copied).Append($"\\u{rune.Value:x4}");
                copied = at + rune.Utf16SequenceLength;
            }
            at += rune.Utf16SequenceLength;
        }
        return sb is null ? json : sb.Append(json, copied, json.Length - copied).ToString();
    }
}
