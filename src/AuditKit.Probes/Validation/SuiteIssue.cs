using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>One problem in a suite, located precisely enough to fix without searching.</summary>
public sealed record SuiteIssue(SourceLine Where, string? ProbeId, string Message, IssueSeverity Severity = IssueSeverity.Error)
{
    public override string ToString() =>
        $"{Where}: {(Severity == IssueSeverity.Warning ? "warning: " : "")}{(ProbeId is null ? "" : $"probe '{ProbeId}': ")}{Message}";
}
