using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>One version's rate on a timeline; <see cref="Rate"/> has no value where the version was not asked that topic in that language.</summary>
public sealed record VersionPoint(string Model, string Released, RateEstimate Rate);
