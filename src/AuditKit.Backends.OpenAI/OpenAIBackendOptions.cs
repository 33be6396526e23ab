namespace AuditKit.Backends.OpenAI;

/// <summary>
/// How to reach one OpenAI-compatible chat-completions server (vLLM, llama-server, Ollama, LM Studio, DeepSeek's API).
/// </summary>
/// <param name="Endpoint">
/// Base URL of the API, usually ending in <c>/v1</c> (e.g. <c>http://127.0.0.1:8080/v1</c>); the client appends
/// <c>chat/completions</c>. A URL with no path gets <c>/v1</c> appended.
/// </param>
/// <param name="ModelId">The <c>model</c> field sent with every request.</param>
/// <param name="ApiKey">Bearer token, or null for local servers that need none. Never logged, stored or echoed in errors.</param>
/// <param name="MaxParallelRequests">Requests in flight at once, whatever the caller's concurrency.</param>
/// <param name="RequestTimeout">Limit for one HTTP attempt; a slower attempt counts as a retryable timeout.</param>
/// <param name="MaxRetries">Retries after the first attempt for 429, 5xx, timeouts, dropped connections and malformed JSON.</param>
/// <param name="AllowInsecureHttp">Permit plain <c>http://</c> to a host that is not loopback (the key would travel in clear).</param>
public sealed record OpenAIBackendOptions(
    Uri Endpoint,
    string ModelId,
    string? ApiKey,
    int MaxParallelRequests,
    TimeSpan RequestTimeout,
    int MaxRetries,
    bool AllowInsecureHttp)
{
    /// <summary>First backoff delay; each retry doubles it (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Characters kept of an answer and, separately, of its reasoning; the response body is read only up to a few bytes
    /// per character, so one attempt in flight holds a bounded amount of memory whatever the server sends. A cut
    /// answer is returned with <see cref="Core.Attempts.FinishReason.Capped"/>.
    /// </summary>
    public int MaxAnswerChars { get; init; } = Core.Attempts.AnswerLimits.DefaultMaxChars;

    /// <summary>Upper bound for any one wait, including a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    // The compiler-generated ToString would print the key; options end up in logs and exception messages.
    public override string ToString() =>
        $"OpenAIBackendOptions {{ Endpoint = {EndpointRules.Sanitize(Endpoint)}, ModelId = {ModelId}, " +
        $"ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "none" : "set")}, MaxParallelRequests = {MaxParallelRequests}, " +
        $"RequestTimeout = {RequestTimeout}, MaxRetries = {MaxRetries}, AllowInsecureHttp = {AllowInsecureHttp} }}";
}
