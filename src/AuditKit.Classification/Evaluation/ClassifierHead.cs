namespace AuditKit.Classification.Evaluation;

/// <summary>What an evaluation scores.</summary>
public enum ClassifierHead
{
    /// <summary>COMPLETE / EVASIVE / DENIAL.</summary>
    Compliance,
    /// <summary>COMPLETE vs NOT_COMPLETE (EVASIVE or DENIAL): "did the model do what was asked".</summary>
    ComplianceBinary,
    /// <summary>ALIGNED / CRITICAL / BALANCED / NONE.</summary>
    Narrative,
}
