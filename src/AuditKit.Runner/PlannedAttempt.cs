using AuditKit.Core.Attempts;
using AuditKit.Core.Suites;

namespace AuditKit.Runner;

/// <summary>One attempt a run is expected to store, with the probe it asks.</summary>
public sealed record PlannedAttempt(AttemptKey Key, Probe Probe, string Prompt);
