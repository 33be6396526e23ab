using System.Globalization;
using System.Text;

namespace AuditKit.Backends.OpenAI;

/// <summary>
/// A server's JSON may escape half a surrogate pair (<c>\ud800</c> alone): valid JSON text, but no string can hold it,
/// and System.Text.Json refuses to read it (InvalidOperationException), which failed the attempt on every rerun. At the
/// boundary, before any parser sees the body, each lone surrogate escape becomes <c>\ufffd</c>, as the store would
/// store such a character anyway.
/// </summary>
internal static class JsonSurrogateRepair
{
    public static string ReplaceLoneSurrogateEscapes(string json)
    {
        StringBuilder? repaired = null;
        int copied = 0;
        int i = json.IndexOf('\\');
        while (i >= 0 && i < json.Length - 1)
        {
            int width = 2; // \\, \n, ...: the escaped character is skipped with the backslash
            if (json[i + 1] == 'u' && TryUnit(json, i + 2, out var unit))
            {
                width = 6;
                if (char.IsHighSurrogate(unit) && json.Length - i >= 12 && json[i + 6] == '\\' && json[i + 7] == 'u'
                    && TryUnit(json, i + 8, out var low) && char.IsLowSurrogate(low))
                    width = 12; // a pair: both halves kept
                else if (char.IsSurrogate(unit))
                {
                    repaired ??= new StringBuilder(json.Length);
                    repaired.Append(json, copied, i - copied).Append("\\ufffd");
                    copied = i + 6;
                }
            }
            i = i + width >= json.Length ? -1 : json.IndexOf('\\', i + width);
        }
        return repaired is null ? json : repaired.Append(json, copied, json.Length - copied).ToString();
    }

    private static bool TryUnit(string json, int start, out char unit)
    {
        unit = '\0';
        if (start + 4 > json.Length
            || !ushort.TryParse(json.AsSpan(start, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            return false;
        unit = (char)value;
        return true;
    }
}
