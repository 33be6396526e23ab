namespace AuditKit.Runner;

/// <summary>How a run ended. <see cref="Failed"/> counts attempts stored with an error in this pass; a rerun retries them.</summary>
public sealed record RunOutcome(int Expected, int AlreadyStored, int Succeeded, int Failed)
{
    public bool Complete => AlreadyStored + Succeeded == Expected;
}
