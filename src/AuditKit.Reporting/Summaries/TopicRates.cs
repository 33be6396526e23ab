using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>Refusal and evasion for one model on one topic, all languages together: one heatmap cell.</summary>
public sealed record TopicRates(string Model, string Topic, bool IsControl, int Judged, RateEstimate Refusal, RateEstimate Evasion, RateEstimate Denial);
