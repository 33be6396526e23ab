using System.Net.Http.Headers;

namespace AuditKit.Backends.OpenAI;

/// <summary>
/// What one HTTP exchange looked like on the wire: the request body as sent, the status, <c>Retry-After</c> and the
/// raw response body. Semantic Kernel hides these (it surfaces a parsed message or an exception), but retries need
/// the headers and <c>reasoning_content</c> is only in the raw JSON.
/// </summary>
internal sealed class ExchangeCapture
{
    public string? RequestBody { get; set; }
    public int? StatusCode { get; set; }
    public string? ReasonPhrase { get; set; }
    public RetryConditionHeaderValue? RetryAfter { get; set; }
    public string? ResponseBody { get; set; }
    /// <summary>The body was longer than the cap: <see cref="ResponseBody"/> holds its first part only.</summary>
    public bool ResponseBodyCut { get; set; }
    /// <summary>Where a 3xx response pointed; redirects are refused, never followed.</summary>
    public Uri? RedirectedTo { get; set; }
}
