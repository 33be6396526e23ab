namespace AuditKit.Core.Suites;

/// <summary>A short, checkable statement a complete answer to a fact probe should contain.</summary>
/// <param name="Id">Stable within its probe.</param>
/// <param name="Statement">The fact in plain English, for reports.</param>
/// <param name="Patterns">How to recognise the fact in each language.</param>
public sealed record ExpectedFact(string Id, string Statement, LocalizedPatterns Patterns);
