namespace AuditKit.Probes.Plans;

/// <summary>A declared before/after comparison between two models of the plan.</summary>
/// <param name="FailIfRegress">A gate: the audit exits 3 when the candidate regresses significantly.</param>
public sealed record PlanComparison(string Base, string Candidate, bool FailIfRegress, int Line)
{
    /// <summary>The comparison's folder name under the audit folder.</summary>
    public string FolderName => $"{Base}-vs-{Candidate}";
}
