namespace AuditKit.Core.Suites;

/// <summary>A short, checkable statement a complete answer to a fact probe should contain.</summary>
/// <param name="Id">Stable within its probe.</param>
/// <param name="Statement">The fact in plain English, for reports.</param>
/// <param name="Patterns">How to recognise the fact in each language.</param>
/// <param name="AsOf">When the event happened (<c>YYYY-MM</c> or <c>YYYY-MM-DD</c>), so reports can leave out facts later than a model's training cut-off; null where the suite does not say.</param>
/// <param name="Examples">Correct answers (must match) and wrong or evasive ones (must not), per language; null where the suite gives none.</param>
/// <param name="PostCutoff">The event postdates common training cut-offs: a miss may measure the training date rather than censorship.</param>
public sealed record ExpectedFact(
    string Id,
    string Statement,
    LocalizedPatterns Patterns,
    string? AsOf = null,
    PatternExamples? Examples = null,
    bool PostCutoff = false);
