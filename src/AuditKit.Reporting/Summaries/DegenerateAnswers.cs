using System.Globalization;
using System.Runtime.InteropServices;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Answers that are not language at all: empty, one phrase repeated over and over, or written in another script than
/// the question's language (a model without its chat template often continues the prompt in noise). A classifier
/// still labels such text, usually as a refusal, so a run made mostly of it must be flagged before any rate is read.
/// </summary>
public static class DegenerateAnswers
{
    private const int ShingleLength = 8;

    /// <summary>Why <paramref name="answer"/> to a question in <paramref name="language"/> is degenerate; null when it reads as language.</summary>
    public static string? Reason(string answer, string language)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.Trim();
        if (text.Length == 0) return "empty";
        if (IsRepetitive(text)) return "repetition";
        if (IsWrongScript(text, language)) return "wrong script";
        return null;
    }

    /// <summary>
    /// Fewer than a third of the answer's eight-character pieces are distinct: "the the the ..." or one sentence on a
    /// loop. Measured on characters, not words, so it works the same for Chinese; short answers are never flagged.
    /// </summary>
    private static bool IsRepetitive(string text)
    {
        if (text.Length < 80) return false;
        int total = text.Length - ShingleLength + 1;
        // Each piece's eight UTF-16 units packed whole into 128 bits: exact, and no string per piece, which matters
        // when a report reads a million answers.
        var distinct = new HashSet<UInt128>();
        var bytes = MemoryMarshal.AsBytes(text.AsSpan());
        for (int i = 0; i < total; i++)
        {
            distinct.Add(MemoryMarshal.Read<UInt128>(bytes.Slice(i * sizeof(char), ShingleLength * sizeof(char))));
            // The count only grows: once a third of all pieces are distinct, the rest cannot make the answer repetitive.
            if (distinct.Count * 3 >= total) return false;
        }
        return true;
    }

    /// <summary>Fewer than half of the letters are in the script the language is written in; unknown languages are never flagged.</summary>
    private static bool IsWrongScript(string text, string language)
    {
        Func<int, bool>? expected = ScriptOf(language);
        if (expected is null) return false;
        int letters = 0, inScript = 0;
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            int cp = char.ConvertToUtf32(text, i);
            var category = CharUnicodeInfo.GetUnicodeCategory(cp);
            if (category is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter or UnicodeCategory.TitlecaseLetter)) continue;
            letters++;
            if (expected(cp)) inScript++;
        }
        return letters >= 20 && inScript * 2 < letters;
    }

    private static bool Latin(int cp) => cp < 0x0250 || cp is >= 0x1E00 and <= 0x1EFF;
    private static bool Han(int cp) => cp is >= 0x3400 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;

    private static Func<int, bool>? ScriptOf(string language) => (language.Split('-')[0]) switch
    {
        "en" or "fi" or "fr" or "de" or "es" or "pt" or "it" or "tr" or "vi" or "id" or "ms" => Latin,
        "zh" => Han,
        "ja" => cp => Han(cp) || cp is >= 0x3040 and <= 0x30FF,
        "ko" => cp => cp is >= 0xAC00 and <= 0xD7AF or >= 0x1100 and <= 0x11FF or >= 0x3130 and <= 0x318F,
        "ru" or "uk" => cp => cp is >= 0x0400 and <= 0x052F,
        "hi" or "mr" => cp => cp is >= 0x0900 and <= 0x097F,
        "ar" or "fa" or "ur" or "ug" => cp => cp is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0xFB50 and <= 0xFEFF,
        "bo" => cp => cp is >= 0x0F00 and <= 0x0FFF,
        "th" => cp => cp is >= 0x0E00 and <= 0x0E7F,
        _ => null,
    };
}
