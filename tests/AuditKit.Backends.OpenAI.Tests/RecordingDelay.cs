using System.Collections.Concurrent;

namespace AuditKit.Backends.OpenAI.Tests;

/// <summary>A backoff delay that records what the backend asked for and returns at once, so retry tests run fast.</summary>
public sealed class RecordingDelay
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _waits.Enqueue(delay);
        return Task.CompletedTask;
    }
}
