using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>Refusal and alignment for one model on one topic in one language: the finest cell a report shows (rates_wide.csv).</summary>
public sealed record TopicLanguageRates(string Model, string Topic, string Language, bool IsControl, int Judged, RateEstimate Refusal, RateEstimate Aligned);
