using System.Globalization;
using AuditKit.Core.Runs;

namespace AuditKit.Runner.FailFast;

/// <summary>
/// Watches the outcome of every request of one model's run and trips (cancels <see cref="Tripped"/>) when the first
/// requests all fail or when the recent failure share stays too high. For an HTTP backend it is fed each HTTP try by
/// <see cref="CircuitBreakerHandler"/>, so retries count and a dead endpoint stops within a round of retries rather
/// than after every prompt's backoff; for other backends the runner feeds it each generation. Thread-safe.
/// </summary>
public sealed class CircuitBreaker : IDisposable
{
    private readonly CircuitBreakerSettings _settings;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _tripped = new();
    private readonly bool[] _recent;
    private readonly Dictionary<FailureCause, (int Count, string LastDetail)> _causes = [];
    private int _next, _filled, _recentFailures, _failuresBeforeSuccess;
    private bool _anySuccess;

    /// <param name="countsHttpRequests">True when an HTTP handler feeds every try; the runner then leaves its generations out.</param>
    public CircuitBreaker(CircuitBreakerSettings settings, bool countsHttpRequests)
    {
        _settings = settings;
        CountsHttpRequests = countsHttpRequests;
        _recent = new bool[Math.Max(1, settings.Window)];
    }

    public bool CountsHttpRequests { get; }

    /// <summary>Cancelled when the breaker trips; the run stops taking new attempts and abandons those in flight.</summary>
    public CancellationToken Tripped => _tripped.Token;

    /// <summary>Why it tripped, naming the commonest cause and its last detail; null while closed.</summary>
    public string? Reason { get; private set; }

    /// <summary>The commonest cause of failure so far; null with no failure.</summary>
    public FailureCause? MainCause { get; private set; }

    public void RecordSuccess() => Record(null, "");

    /// <param name="detail">One line a user can act on, e.g. "Connection refused (127.0.0.1:9)"; never a key.</param>
    public void RecordFailure(FailureCause cause, string detail) => Record(cause, detail);

    private void Record(FailureCause? failure, string detail)
    {
        string? reason = null;
        lock (_gate)
        {
            if (Reason is not null) return; // requests abandoned by the trip itself are not evidence
            if (failure is { } cause)
            {
                _causes[cause] = (_causes.GetValueOrDefault(cause).Count + 1, detail);
                MainCause = _causes.MaxBy(c => c.Value.Count).Key;
                if (!_anySuccess) _failuresBeforeSuccess++;
            }
            else _anySuccess = true;

            if (_settings.Window > 0)
            {
                if (_filled == _recent.Length && _recent[_next]) _recentFailures--;
                _recent[_next] = failure is not null;
                if (failure is not null) _recentFailures++;
                _next = (_next + 1) % _recent.Length;
                _filled = Math.Min(_filled + 1, _recent.Length);
            }

            if (_settings.FirstFailures > 0 && !_anySuccess && _failuresBeforeSuccess >= _settings.FirstFailures)
                reason = string.Create(CultureInfo.InvariantCulture, $"the first {_failuresBeforeSuccess} requests all failed: {MainCauseText()}");
            else if (_settings.Window > 0 && _filled == _recent.Length && _recentFailures >= _settings.FailureRate * _recent.Length)
                reason = string.Create(CultureInfo.InvariantCulture, $"{_recentFailures} of the last {_recent.Length} requests failed, mostly {MainCauseText()}");
            Reason = reason;
        }
        if (reason is not null) _tripped.Cancel();
    }

    private string MainCauseText()
    {
        var cause = MainCause!.Value;
        var detail = _causes[cause].LastDetail;
        return detail.Length > 0 ? $"{FailureCauses.Describe(cause)}: {detail}" : FailureCauses.Describe(cause);
    }

    public void Dispose() => _tripped.Dispose();
}
