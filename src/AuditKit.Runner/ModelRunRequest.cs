using AuditKit.Core.Backends;
using AuditKit.Core.Suites;

namespace AuditKit.Runner;

/// <summary>One model's run into one run folder, as <c>auditkit run</c> and each model of <c>auditkit audit</c> ask it.</summary>
/// <param name="RunDirectory">The run folder; the caller holds its <see cref="Store.RunLock"/>.</param>
/// <param name="Plan">Every attempt the run must end with (<see cref="AuditPlan.Build"/>); not empty.</param>
/// <param name="Suites">The suites the plan was built from, pinned in the manifest.</param>
/// <param name="ProbesAsAsked">The probes as the store keeps them (with their topics' markers), so the run is self-contained.</param>
/// <param name="Languages">The languages asked, for the manifest.</param>
/// <param name="Parallel">Attempts in flight at once.</param>
/// <param name="ToolVersion">The tool's version and commit and facts about the host, for the manifest.</param>
public sealed record ModelRunRequest(
    string RunDirectory,
    IReadOnlyList<PlannedAttempt> Plan,
    IReadOnlyList<Suite> Suites,
    IReadOnlyList<Probe> ProbesAsAsked,
    IReadOnlyList<string> Languages,
    int Samples,
    SamplerSettings Sampler,
    int Parallel,
    bool IsSmokeTest,
    string ToolVersion,
    string? GitCommit,
    IReadOnlyDictionary<string, string> Host);
