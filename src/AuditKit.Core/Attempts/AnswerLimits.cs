namespace AuditKit.Core.Attempts;

/// <summary>
/// How much of one answer (and of its reasoning) AuditKit keeps. A hostile server can send an answer of any size; held
/// whole, a few of them in flight exhaust the machine. Text beyond the cap is not read, and the attempt is stored with
/// <see cref="FinishReason.Capped"/>.
/// </summary>
public static class AnswerLimits
{
    /// <summary>
    /// Characters (UTF-16 code units) kept of an answer, and separately of its reasoning, unless an option says
    /// otherwise: about 1 to 3 MB of UTF-8, thirty times what 32,768 tokens of prose take.
    /// </summary>
    public const int DefaultMaxChars = 1_000_000;

    /// <summary>Smallest cap an option may set: below it a normal answer would be cut.</summary>
    public const int MinMaxChars = 1_000;

    /// <summary>Largest cap an option may set (about 300 MB of UTF-8 at worst).</summary>
    public const int MaxMaxChars = 100_000_000;

    /// <summary>
    /// The first <paramref name="maxChars"/> characters of <paramref name="text"/>, never splitting a surrogate pair;
    /// <paramref name="cut"/> says whether anything was dropped.
    /// </summary>
    public static string Cut(string text, int maxChars, out bool cut)
    {
        ArgumentNullException.ThrowIfNull(text);
        cut = text.Length > maxChars;
        if (!cut) return text;
        var end = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..end];
    }
}
