using AuditKit.Core.Backends;

namespace AuditKit.Probes.Plans;

/// <summary>An audit described in one file: which models, which suites and settings, which comparisons gate it.</summary>
/// <param name="Sha256">Of the file's bytes: the audit folder records it beside a copy of the plan.</param>
/// <param name="Languages">Null asks every language each probe has.</param>
/// <param name="MaxConcurrentEndpoints">Endpoint models run at once (local models always run one after another).</param>
public sealed record AuditPlanFile(
    string Path, string Sha256, string Name, IReadOnlyList<string> Suites, int SuitesLine, IReadOnlyList<string>? Languages, int Samples,
    SamplerSettings Sampler, int MaxConcurrentEndpoints, IReadOnlyList<PlanModel> Models, PlanJudge? Judge, IReadOnlyList<PlanComparison> Comparisons);
