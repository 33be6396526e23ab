namespace AuditKit.Classification.Signals;

/// <summary>One example answer that a fact pattern or marker gets wrong, or an example a suite is missing.</summary>
/// <param name="SuiteId">The suite that holds the fact or defines the marker.</param>
/// <param name="ProbeId">The probe of the fact (or of a probe-level marker); null for a topic's marker.</param>
/// <param name="Owner">What is tested: <c>fact 'id'</c> or <c>marker 'id' of topic 'id'</c>.</param>
/// <param name="Language">The BCP-47 code of the example.</param>
/// <param name="Problem">What went wrong, quoting the example.</param>
/// <param name="IsMissingExample">The suite lacks a required example (as opposed to a pattern that misjudges one).</param>
public sealed record ExampleCheckFailure(string SuiteId, string? ProbeId, string Owner, string Language, string Problem, bool IsMissingExample)
{
    public override string ToString() =>
        $"{(ProbeId is null ? "" : $"probe '{ProbeId}': ")}{Owner} [{Language}]: {Problem}";
}
