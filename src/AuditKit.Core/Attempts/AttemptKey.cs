namespace AuditKit.Core.Attempts;

/// <summary>Identifies one expected answer in a run: exactly one stored attempt exists per key when a run completes.</summary>
/// <param name="Sample">Zero-based repeat index when a probe is asked several times (<c>--samples</c>).</param>
public sealed record AttemptKey(string Model, string ProbeId, string Language, int Sample)
{
    public override string ToString() => $"{Model}/{ProbeId}/{Language}#{Sample}";
}
