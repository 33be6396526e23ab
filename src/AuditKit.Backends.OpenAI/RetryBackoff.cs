using System.Net.Http.Headers;

namespace AuditKit.Backends.OpenAI;

/// <summary>How long to wait before retry number <c>n</c>: the server's Retry-After when it gave one, else jittered doubling.</summary>
internal sealed class RetryBackoff(TimeSpan initial, TimeSpan max, TimeProvider timeProvider)
{
    /// <param name="retryIndex">0 for the wait before the first retry.</param>
    public TimeSpan DelayBefore(int retryIndex, RetryConditionHeaderValue? retryAfter)
    {
        var fromServer = ServerDelay(retryAfter);
        if (fromServer is { } requested)
            return requested > max ? max : requested;

        // Jitter in [0.5, 1.0) of the doubled delay: many parallel requests rejected together must not retry together.
        var doubled = initial.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30));
        var capped = Math.Min(doubled, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble() * 0.5));
    }

    private TimeSpan? ServerDelay(RetryConditionHeaderValue? retryAfter)
    {
        if (retryAfter?.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (retryAfter?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
