using AuditKit.Benchmarks.Machines;

namespace AuditKit.Benchmarks;

/// <summary>Everything one <c>auditkit bench</c> run measured, with the machine it ran on.</summary>
/// <param name="LoadAverageAfter">/proc/loadavg when the last figure finished (other work on the machine skews ratios).</param>
public sealed record BenchmarkReport(MachineInfo Machine, bool Quick, IReadOnlyList<BenchmarkResult> Results, string LoadAverageAfter, DateTimeOffset FinishedAt);
