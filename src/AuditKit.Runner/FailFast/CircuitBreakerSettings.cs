namespace AuditKit.Runner.FailFast;

/// <summary>When a model's run gives up instead of failing request after request.</summary>
/// <param name="FirstFailures">Stop when this many requests fail before any succeeds; 0 turns the rule off.</param>
/// <param name="FailureRate">Stop when at least this share (0..1) of the last <paramref name="Window"/> requests failed; 1 or more never trips on a share below 1.</param>
/// <param name="Window">Requests the failure share is taken over; 0 turns the rule off.</param>
public sealed record CircuitBreakerSettings(int FirstFailures, double FailureRate, int Window)
{
    /// <summary>
    /// Eight failures before the first success: with retries, a dead endpoint at <c>--parallel 8</c> trips on the first
    /// round of retries, about a second in. 90 % of 50: a server that fails nine requests in ten is not going to finish.
    /// </summary>
    public static CircuitBreakerSettings Default { get; } = new(8, 0.9, 50);

    public static CircuitBreakerSettings Off { get; } = new(0, 1, 0);
}
