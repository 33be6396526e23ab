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

    public static IReadOnlyCollection<string> All => Known;
}
