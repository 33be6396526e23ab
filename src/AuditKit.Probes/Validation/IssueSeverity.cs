namespace AuditKit.Probes.Validation;

/// <summary>Whether a suite problem fails <c>auditkit suites validate</c> or only weakens what the suite can show.</summary>
public enum IssueSeverity
{
    /// <summary>The suite is wrong: validation fails (exit 2).</summary>
    Error,
    /// <summary>The suite works but a comparison it should support is missing (an unpaired probe); printed, does not fail.</summary>
    Warning,
}
