namespace AuditKit.Core.Suites;

/// <summary>
/// Regular expressions per BCP-47 language code. Matching is case-insensitive and culture-invariant;
/// a text matches when any pattern of its language matches.
/// </summary>
public sealed record LocalizedPatterns(IReadOnlyDictionary<string, IReadOnlyList<string>> ByLanguage)
{
    public static readonly LocalizedPatterns Empty = new(new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyList<string> For(string language) =>
        ByLanguage.TryGetValue(language, out var patterns) ? patterns : [];
}
