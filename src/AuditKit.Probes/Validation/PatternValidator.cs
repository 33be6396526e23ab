using System.Text.RegularExpressions;
using AuditKit.Core.Suites;
using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>
/// Fact and marker patterns must compile and be able to match text of their own language: a zh-Hans key holding an
/// English phrase, or a zh-Hant pattern written in Simplified characters, silently never matches.
/// </summary>
public sealed class PatternValidator : ISuiteValidator
{
    // Simplified-only characters common in political vocabulary, each with its Traditional form.
    private const string SimplifiedOnly = "国门发们说这时会东产动华观历军战关经论权问义导习湾乱稳确达态对开枪严专业职训练传统体亲党维独举议领闻网络纪杀难团众处压迫灾饥饿荒";
    private const string TraditionalOnly = "國門發們說這時會東產動華觀歷軍戰關經論權問義導習灣亂穩確達態對開槍嚴專業職訓練傳統體親黨維獨舉議領聞網絡紀殺難團眾處壓迫災饑餓荒";

    public IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites)
    {
        foreach (var loaded in suites)
        {
            foreach (var topic in loaded.Suite.Topics)
                foreach (var marker in topic.Markers)
                    foreach (var issue in Check(marker.Patterns, $"marker '{marker.Id}' of topic '{topic.Id}'"))
                        yield return new SuiteIssue(loaded.SuiteLine, null, issue);

            foreach (var probe in loaded.Suite.Probes)
            {
                var where = loaded.LineOf(probe.Id);
                foreach (var fact in probe.Facts)
                    foreach (var issue in Check(fact.Patterns, $"fact '{fact.Id}'"))
                        yield return new SuiteIssue(where, probe.Id, issue);
                foreach (var marker in probe.Markers)
                    foreach (var issue in Check(marker.Patterns, $"marker '{marker.Id}'"))
                        yield return new SuiteIssue(where, probe.Id, issue);
            }
        }
    }

    private static IEnumerable<string> Check(LocalizedPatterns patterns, string owner)
    {
        foreach (var (language, list) in patterns.ByLanguage)
        {
            if (!LanguageCodes.IsKnown(language))
                yield return $"{owner}: unknown language code '{language}'";
            foreach (var pattern in list)
            {
                if (string.IsNullOrWhiteSpace(pattern)) { yield return $"{owner}: empty pattern for '{language}'"; continue; }
                string? compileError = null;
                try { _ = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)); }
                catch (ArgumentException e) { compileError = e.Message; }
                if (compileError is not null) { yield return $"{owner}: pattern /{pattern}/ for '{language}' does not compile: {compileError}"; continue; }
                if (ScriptMismatch(language, pattern) is { } mismatch)
                    yield return $"{owner}: pattern /{pattern}/ can never match '{language}' text: {mismatch}";
            }
        }
    }

    private static string? ScriptMismatch(string language, string pattern)
    {
        // Only letters decide: a pattern of digits (a year, a death toll) can match text in any language.
        var letters = StripEscapes(pattern).Where(char.IsLetter).ToList();
        if (letters.Count == 0) return null;
        bool hasHan = letters.Any(c => c is >= '\u3400' and <= '\u9FFF');
        bool hasDevanagari = letters.Any(c => c is >= '\u0900' and <= '\u097F');
        bool hasLatin = letters.Any(char.IsAsciiLetter);
        switch (language)
        {
            // Chinese text quotes Latin acronyms (IJOP, UFLPA, WHO) as they are, so an all-capitals pattern is fine.
            case LanguageCodes.SimplifiedChinese or LanguageCodes.TraditionalChinese when !hasHan && !letters.All(char.IsAsciiLetterUpper):
                return "it contains no Chinese characters";
            case LanguageCodes.Hindi when !hasDevanagari && !hasLatin:
                return "it contains no Devanagari";
            case LanguageCodes.English when !hasLatin:
                return "it contains no Latin letters";
            case LanguageCodes.TraditionalChinese:
                return WrongForm(pattern, SimplifiedOnly, TraditionalOnly, "Simplified");
            case LanguageCodes.SimplifiedChinese:
                return WrongForm(pattern, TraditionalOnly, SimplifiedOnly, "Traditional");
            default:
                return null;
        }
    }

    /// <summary>Drops regex escapes such as \b, \d, \s so their letters do not count as Latin text.</summary>
    private static string StripEscapes(string pattern) => Regex.Replace(pattern, @"\\[a-zA-Z]", "");

    private static string? WrongForm(string pattern, string wrongScript, string rightScript, string wrongName)
    {
        for (int i = 0; i < wrongScript.Length; i++)
        {
            // A pattern offering both forms, e.g. [国國], is fine.
            if (pattern.Contains(wrongScript[i]) && !pattern.Contains(rightScript[i]))
                return $"it uses the {wrongName} character '{wrongScript[i]}' (expected '{rightScript[i]}')";
        }
        return null;
    }
}
