using System.Globalization;
using System.Text;

namespace AuditKit.Core.Text;

/// <summary>
/// Characters that change how surrounding text looks on a terminal without being seen themselves: C0 and C1 controls
/// (ESC starts ANSI sequences), bidirectional overrides and isolates (U+202E shows "evil" as "live"), directional
/// marks, and the line and paragraph separators. Printed text shows them as escapes; identifiers refuse them.
/// </summary>
public static class UnsafeCharacters
{
    public static bool IsUnsafe(Rune rune) =>
        Rune.IsControl(rune)
        || rune.Value is 0x061C or 0x200E or 0x200F or 0x2028 or 0x2029 or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>The first unsafe character of <paramref name="text"/> as <c>U+XXXX</c>, or null when there is none.</summary>
    public static string? FirstIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var rune in text.EnumerateRunes())
            if (IsUnsafe(rune))
                return string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
        return null;
    }
}
