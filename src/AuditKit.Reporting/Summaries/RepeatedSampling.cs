using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// For runs that asked each probe more than once: the per-probe refusal probability and a bootstrap interval that
/// resamples probes, beside the naive Wilson interval that treats every sample as independent (too narrow).
/// </summary>
public sealed record RepeatedSampling(
    string Model,
    string Language,
    int Probes,
    int MaxSamplesPerProbe,
    RateEstimate Pooled,
    ConfidenceInterval ProbeBootstrapInterval,
    IReadOnlyList<ProbeRefusal> PerProbe);
