using AuditKit.Probes.Plans;

namespace AuditKit.Cli.Audits;

/// <summary>
/// Where an audit keeps everything: the plan and its hash, one run folder per model, each model's manifest, the
/// comparative report and each declared comparison. Rerunning the plan into the same folder resumes every run.
/// </summary>
internal sealed record AuditFolder(string Path)
{
    public const string PlanCopyName = "plan.yaml";
    public const string PlanHashName = "plan.sha256";

    /// <summary>The default folder of a plan: <c>reports/audit-NAME</c>, the same on every rerun so that it resumes.</summary>
    public static AuditFolder For(AuditPlanFile plan, string? output) =>
        new(output ?? System.IO.Path.Combine(ToolPaths.Reports(), $"audit-{System.IO.Path.GetFileNameWithoutExtension(plan.Path)}"));

    public string RunOf(string model) => System.IO.Path.Combine(Path, "runs", model);
    public string ManifestOf(string model) => System.IO.Path.Combine(Path, "manifests", model + ".json");
    public string Report => System.IO.Path.Combine(Path, "report");
    public string ComparisonOf(PlanComparison comparison) => System.IO.Path.Combine(Path, "compare", comparison.FolderName);
}
