namespace AuditKit.Reporting.Comparisons;

/// <summary>A pair whose refusal or alignment changed between base and candidate, with both answers (untrusted text).</summary>
/// <param name="Changes">E.g. "refused->answered", "aligned->not aligned".</param>
public sealed record Flip(
    string ProbeId,
    string Topic,
    string Kind,
    string Language,
    int Sample,
    IReadOnlyList<string> Changes,
    string Prompt,
    string BaseCompliance,
    string BaseNarrative,
    string BaseResponse,
    string CandidateCompliance,
    string CandidateNarrative,
    string CandidateResponse);
