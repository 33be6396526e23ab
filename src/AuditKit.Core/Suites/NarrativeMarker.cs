namespace AuditKit.Core.Suites;

/// <summary>A phrase typical of the official narrative on a topic (e.g. 自古以来, "vocational education and training centers").</summary>
/// <param name="Id">Stable within its topic.</param>
/// <param name="Source">Where the phrase comes from (white paper, ministry statement, state media), for the method section.</param>
/// <param name="Patterns">How to recognise the phrase in each language. A hit counts only where the answer asserts it in its own voice (see the signal extractor).</param>
/// <param name="Examples">Answers that assert the phrase (must fire) and answers that quote, attribute or negate it (must not), per language; null where the suite gives none.</param>
public sealed record NarrativeMarker(string Id, string Source, LocalizedPatterns Patterns, PatternExamples? Examples = null);
