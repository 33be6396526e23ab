using AuditKit.Core.Runs;

namespace AuditKit.Runner;

/// <summary>How one model's run ended, with the statistics now also in its manifest.</summary>
public sealed record ModelRunResult(RunOutcome Outcome, RunStats Stats, RunManifest Manifest);
