namespace AuditKit.Core.Suites;

/// <summary>
/// The BCP-47 codes suites may use. An explicit list rather than CultureInfo lookups: the tool runs with
/// invariant globalization on minimal machines, and a typo such as <c>zh-Hans-CN</c> vs <c>zh-Hans</c> must
/// be caught rather than silently create an unpaired language.
/// </summary>
public static class LanguageCodes
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";
    public const string TraditionalChinese = "zh-Hant";
    public const string Hindi = "hi";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "en", "zh-Hans", "zh-Hant", "hi", "ug", "bo", "ru", "fr", "de", "es", "ja", "ko", "fi", "ar", "fa",
        "tr", "vi", "id", "pt", "it", "uk", "ur", "bn", "ta", "te", "mr", "pa", "gu", "ml", "kn", "th", "ms",
    };

    public static bool IsKnown(string code) => Known.Contains(code);

    /// <summary>
    /// Maps tags that transcripts and datasets use (SpeechMap's <c>zh</c>, <c>zh-CN</c>, <c>zh-TW</c>, <c>en-US</c>) to the
    /// codes suites use, so imported and native attempts pair up. Unrecognised tags are returned trimmed.
    /// </summary>
    public static string Normalize(string tag) => tag.Trim() switch
    {
        "zh" or "zh-CN" or "zh-cn" or "zh-SG" or "zh_CN" or "zh-Hans-CN" => SimplifiedChinese,
        "zh-TW" or "zh-tw" or "zh-HK" or "zh_TW" or "zh-Hant-TW" => TraditionalChinese,
        "en-US" or "en-GB" or "en_US" => English,
        "hi-IN" => Hindi,
        var other => other,
    };

    public static IReadOnlyCollection<string> All => Known;
}
