namespace AuditKit.Benchmarks.Servers;

/// <summary>A fault injected into one response.</summary>
/// <param name="RetryAfter">Raw Retry-After header value for <see cref="FaultKind.RateLimited"/> (seconds or an HTTP date); null sends none.</param>
/// <param name="Stall">Extra wait for <see cref="FaultKind.Slow"/>.</param>
/// <param name="Location">Where <see cref="FaultKind.Redirect"/> points.</param>
public sealed record ServerFault(FaultKind Kind, string? RetryAfter = null, TimeSpan Stall = default, string? Location = null)
{
    public static ServerFault Of(FaultKind kind) => new(kind);
}
