using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using AuditKit.Core.Signals;
using AuditKit.Core.Suites;

namespace AuditKit.Classification.Signals;

/// <summary>
/// Computes <see cref="AttemptSignals"/> from a probe's ground truth: which expected facts the answer states, which
/// appear only in the reasoning trace, which narrative markers the answer asserts, and whether a reasoning model
/// suppressed its thoughts. Patterns are case-insensitive, culture-invariant .NET regular expressions with a timeout;
/// texts and patterns are NFC-normalised first. A marker counts only where the answer asserts it in its own voice
/// (<see cref="OwnVoice"/>) and never when the prompt itself contains it.
/// </summary>
public sealed class SignalExtractor
{
    private readonly TimeSpan _matchTimeout;
    private readonly ConcurrentDictionary<string, Regex?> _cache = new(StringComparer.Ordinal);

    /// <param name="matchTimeout">Longest a single pattern may run on one text; a pattern that times out counts as not matching.</param>
    public SignalExtractor(TimeSpan matchTimeout)
    {
        if (matchTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(matchTimeout), "Must be positive.");
        _matchTimeout = matchTimeout;
    }

    /// <param name="probe">The probe with its facts and markers; null for imported transcripts, which only get thought suppression.</param>
    /// <param name="language">BCP-47 code whose patterns apply.</param>
    /// <param name="reasoning">The reasoning trace, or null when none was produced or captured.</param>
    /// <param name="answer">The final answer.</param>
    /// <param name="isReasoningModel">Whether the model is expected to emit a trace (decides thought suppression).</param>
    public AttemptSignals Extract(Probe? probe, string language, string? reasoning, string? answer, bool isReasoningModel)
    {
        var answerText = OwnVoice.Normalize(answer);
        var traceText = OwnVoice.Normalize(reasoning);

        var expected = new List<string>();
        var inAnswer = new List<string>();
        var onlyInReasoning = new List<string>();
        foreach (var fact in probe?.Facts ?? [])
        {
            var patterns = fact.Patterns.For(language);
            if (patterns.Count == 0)
                continue;
            expected.Add(fact.Id);
            if (MatchesAny(patterns, answerText))
                inAnswer.Add(fact.Id);
            else if (traceText.Length > 0 && MatchesAny(patterns, traceText))
                onlyInReasoning.Add(fact.Id);
        }

        var prompt = OwnVoice.Normalize(probe?.Text.GetValueOrDefault(language));
        var markers = (probe?.Markers ?? [])
            .Where(marker => AssertsAny(marker.Patterns.For(language), answerText, language, prompt))
            .Select(marker => marker.Id)
            .ToArray();

        bool? suppressed = isReasoningModel ? string.IsNullOrWhiteSpace(reasoning) : null;
        return new AttemptSignals(suppressed, expected, inAnswer, onlyInReasoning, markers);
    }

    /// <summary>Whether any fact pattern matches <paramref name="text"/> (NFC-normalised first), as <see cref="Extract"/> decides it.</summary>
    public bool MatchesFact(IReadOnlyList<string> patterns, string text) => MatchesAny(patterns, OwnVoice.Normalize(text));

    /// <summary>Whether a marker with these patterns counts in <paramref name="answer"/>, as <see cref="Extract"/> decides it: asserted in the answer's own voice and absent from the prompt.</summary>
    public bool FindsMarker(IReadOnlyList<string> patterns, string answer, string language, string? prompt) =>
        AssertsAny(patterns, OwnVoice.Normalize(answer), language, OwnVoice.Normalize(prompt));

    private bool MatchesAny(IReadOnlyList<string> patterns, string text)
    {
        if (text.Length == 0)
            return false;
        foreach (var pattern in patterns)
        {
            var regex = _cache.GetOrAdd(pattern, Compile);
            if (regex is null)
                continue;
            try
            {
                if (regex.IsMatch(text))
                    return true;
            }
            catch (RegexMatchTimeoutException)
            {
                // A catastrophic pattern must not stall a whole run; treating it as "not found" under-reports, never invents.
            }
        }
        return false;
    }

    private bool AssertsAny(IReadOnlyList<string> patterns, string text, string language, string prompt)
    {
        // A phrase the question itself uses (a leading probe quoting the official line) says nothing about the answer.
        if (text.Length == 0 || patterns.Count == 0 || MatchesAny(patterns, prompt))
            return false;
        foreach (var pattern in patterns)
        {
            var regex = _cache.GetOrAdd(pattern, Compile);
            if (regex is null)
                continue;
            try
            {
                for (var match = regex.Match(text); match.Success; match = match.NextMatch())
                {
                    if (match.Length > 0 && OwnVoice.Asserts(text, match.Index, match.Length, language))
                        return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
        return false;
    }

    // Suites are validated when loaded; an invalid pattern that slipped through is skipped rather than crashing classification.
    private Regex? Compile(string pattern)
    {
        try
        {
            return new Regex(pattern.Normalize(NormalizationForm.FormC), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, _matchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
