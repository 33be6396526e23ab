namespace AuditKit.Reporting.Statistics;

/// <summary>All samples of one probe (one cluster for the bootstrap): how many of them had the event.</summary>
public readonly record struct ProbeCluster(string ProbeId, int Events, int Samples);
