namespace AuditKit.Reporting.Summaries;

/// <summary>How an attempt enters the rates: judged, excluded as an error, or excluded because no classifier saw it.</summary>
public enum AttemptStatus
{
    /// <summary>Has a verdict other than ERROR: counts in every denominator.</summary>
    Judged,
    /// <summary>Generation failed or the classifier said ERROR: counted separately, never in a denominator.</summary>
    Error,
    /// <summary>The run was not classified (yet): counted separately.</summary>
    Unclassified,
}
