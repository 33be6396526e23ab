using System.Text.RegularExpressions;
using AuditKit.Core.Suites;

namespace AuditKit.Classification.Signals;

/// <summary>
/// Tests a suite's patterns against its own example answers, with the same <see cref="SignalExtractor"/> that scores
/// runs: every correct answer to a fact must match and every wrong or evasive one must not, in every language of the
/// probe; a correct answer must fire none of its topic's markers (a fact is not an endorsement); every marker must fire
/// on its asserting examples and stay silent on its reporting ones, and on each asserting example put in quotation
/// marks or after an attribution. What <c>auditkit suites test</c> runs.
/// </summary>
public sealed class ExampleAnswerChecker(SignalExtractor extractor)
{
    /// <summary>Each fact needs at least this many correct and this many wrong examples per language of its probe.</summary>
    public const int MinimumPerSide = 1;

    private static readonly Regex InnerSentenceEnd = new(@"[.!?](?=\s+\S)|[。！？।](?=.)", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <param name="suites">The suites to test.</param>
    /// <param name="markersOf">A probe's markers: its topic's (wherever they are defined) plus its own.</param>
    public IReadOnlyList<ExampleCheckFailure> Check(IReadOnlyList<Suite> suites, Func<Probe, IReadOnlyList<NarrativeMarker>> markersOf)
    {
        var failures = new List<ExampleCheckFailure>();
        foreach (var suite in suites)
        {
            foreach (var probe in suite.Probes)
            {
                foreach (var fact in probe.Facts)
                    CheckFact(suite, probe, fact, markersOf(probe), failures);
                foreach (var marker in probe.Markers)
                    CheckMarker(suite.Id, probe.Id, $"marker '{marker.Id}'", marker, failures);
            }
            foreach (var topic in suite.Topics)
                foreach (var marker in topic.Markers)
                    CheckMarker(suite.Id, null, $"marker '{marker.Id}' of topic '{topic.Id}'", marker, failures);
        }
        return failures;
    }

    private void CheckFact(Suite suite, Probe probe, ExpectedFact fact, IReadOnlyList<NarrativeMarker> markers, List<ExampleCheckFailure> failures)
    {
        var owner = $"fact '{fact.Id}'";
        var examples = fact.Examples ?? PatternExamples.None;
        void Fail(string language, string problem, bool missing = false) =>
            failures.Add(new ExampleCheckFailure(suite.Id, probe.Id, owner, language, problem, missing));

        foreach (var language in examples.ShouldMatch.Keys.Concat(examples.ShouldNotMatch.Keys).Distinct().Where(l => !probe.Text.ContainsKey(l)))
            Fail(language, "examples in a language the probe is not asked in");

        foreach (var language in probe.Text.Keys)
        {
            var patterns = fact.Patterns.For(language);
            var correct = examples.MatchingIn(language);
            var wrong = examples.NotMatchingIn(language);
            if (correct.Count < MinimumPerSide) Fail(language, "no correct example answer", missing: true);
            if (wrong.Count < MinimumPerSide) Fail(language, "no wrong or evasive example answer", missing: true);
            foreach (var answer in correct)
            {
                if (!extractor.MatchesFact(patterns, answer))
                    Fail(language, $"misses the correct answer \"{answer}\"");
                foreach (var marker in markers.Where(m => extractor.FindsMarker(m.Patterns.For(language), answer, language, probe.Text[language])))
                    Fail(language, $"the correct answer \"{answer}\" fires marker '{marker.Id}': a fact would count as endorsement");
            }
            foreach (var answer in wrong.Where(a => extractor.MatchesFact(patterns, a)))
                Fail(language, $"passes the wrong answer \"{answer}\"");
        }
    }

    private void CheckMarker(string suiteId, string? probeId, string owner, NarrativeMarker marker, List<ExampleCheckFailure> failures)
    {
        var examples = marker.Examples ?? PatternExamples.None;
        void Fail(string language, string problem, bool missing = false) =>
            failures.Add(new ExampleCheckFailure(suiteId, probeId, owner, language, problem, missing));

        var languages = marker.Patterns.ByLanguage.Keys.ToList();
        if (!languages.Any(l => examples.MatchingIn(l).Count > 0))
            Fail(string.Join(",", languages), "no example that asserts the phrase", missing: true);
        if (!languages.Any(l => examples.NotMatchingIn(l).Count > 0))
            Fail(string.Join(",", languages), "no quoted, attributed or negated counter-example", missing: true);
        foreach (var language in examples.ShouldMatch.Keys.Concat(examples.ShouldNotMatch.Keys).Distinct().Where(l => !languages.Contains(l)))
            Fail(language, "examples in a language the marker has no pattern for");

        foreach (var language in languages)
        {
            var patterns = marker.Patterns.For(language);
            foreach (var answer in examples.MatchingIn(language))
            {
                if (!extractor.FindsMarker(patterns, answer, language, prompt: null))
                    Fail(language, $"does not fire on the asserting example \"{answer}\"");
                foreach (var variant in Reported(answer, language).Where(v => extractor.FindsMarker(patterns, v, language, prompt: null)))
                    Fail(language, $"fires on \"{variant}\", which only reports the phrase");
            }
            foreach (var answer in examples.NotMatchingIn(language).Where(a => extractor.FindsMarker(patterns, a, language, prompt: null)))
                Fail(language, $"fires on the counter-example \"{answer}\"");
        }
    }

    /// <summary>The asserting example quoted, and (when it is one sentence) attributed: both must leave the marker silent.</summary>
    private static IEnumerable<string> Reported(string answer, string language)
    {
        var trimmed = answer.Trim();
        yield return language switch
        {
            LanguageCodes.SimplifiedChinese or LanguageCodes.TraditionalChinese => $"「{trimmed}」",
            _ => $"“{trimmed}”",
        };
        if (InnerSentenceEnd.IsMatch(trimmed)) yield break;
        yield return language switch
        {
            LanguageCodes.SimplifiedChinese => $"官方称，{trimmed}",
            LanguageCodes.TraditionalChinese => $"官方稱，{trimmed}",
            LanguageCodes.Hindi => $"सरकार का कहना है कि {trimmed}",
            _ => $"According to the government, {trimmed}",
        };
    }
}
