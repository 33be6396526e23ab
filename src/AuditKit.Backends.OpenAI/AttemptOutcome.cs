using System.Net.Http.Headers;
using AuditKit.Core.Backends;

namespace AuditKit.Backends.OpenAI;

/// <summary>The result of one HTTP attempt: a generation, or an error and whether another attempt may help.</summary>
internal sealed record AttemptOutcome(Generation? Success, string Error, bool Retryable, RetryConditionHeaderValue? RetryAfter)
{
    public static AttemptOutcome Succeeded(Generation generation) => new(generation, "", false, null);

    public static AttemptOutcome Transient(string error, RetryConditionHeaderValue? retryAfter = null) => new(null, error, true, retryAfter);

    public static AttemptOutcome Permanent(string error) => new(null, error, false, null);
}
