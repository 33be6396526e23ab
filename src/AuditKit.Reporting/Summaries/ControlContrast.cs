using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Refusal on sensitive probes against refusal on matched control probes for one model and language. A model that
/// refuses controls as often as sensitive probes is cautious in general, not selectively censoring.
/// </summary>
/// <param name="Difference">Sensitive minus control (independent samples, Newcombe interval).</param>
public sealed record ControlContrast(string Model, string Language, RateEstimate Sensitive, RateEstimate Control, DifferenceEstimate Difference);
