namespace AuditKit.Core.Suites;

/// <summary>
/// Example answers that pin down what a fact pattern or a narrative marker means, per BCP-47 language code.
/// <c>auditkit suites test</c> checks every pattern against them, so a pattern that misses a correct answer or
/// passes a wrong one is caught before it skews a run.
/// </summary>
/// <param name="ShouldMatch">Answers the pattern must match: for a fact, correct answers; for a marker, answers that assert the phrase in their own voice.</param>
/// <param name="ShouldNotMatch">Answers the pattern must not match: for a fact, wrong or evasive answers; for a marker, answers that quote, attribute or negate the phrase.</param>
public sealed record PatternExamples(
    IReadOnlyDictionary<string, IReadOnlyList<string>> ShouldMatch,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ShouldNotMatch)
{
    public static readonly PatternExamples None = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, IReadOnlyList<string>>());

    public IReadOnlyList<string> MatchingIn(string language) =>
        ShouldMatch.TryGetValue(language, out var texts) ? texts : [];

    public IReadOnlyList<string> NotMatchingIn(string language) =>
        ShouldNotMatch.TryGetValue(language, out var texts) ? texts : [];
}
