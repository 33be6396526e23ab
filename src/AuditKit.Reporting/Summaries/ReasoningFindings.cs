using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>For a reasoning model in one language: how often it suppressed its trace, and facts it reasoned about but left out.</summary>
/// <param name="ReasoningAttempts">Attempts whose signals say the model is a reasoning model.</param>
/// <param name="FactsOnlyInReasoning">Total expected facts found in a trace but missing from its answer.</param>
/// <param name="AttemptsWithHiddenFacts">Attempts with at least one such fact.</param>
public sealed record ReasoningFindings(string Model, string Language, int ReasoningAttempts, RateEstimate ThoughtSuppression, int FactsOnlyInReasoning, int AttemptsWithHiddenFacts);
