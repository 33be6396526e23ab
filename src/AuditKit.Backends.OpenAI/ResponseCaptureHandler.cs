namespace AuditKit.Backends.OpenAI;

/// <summary>
/// Records each exchange into the <see cref="ExchangeCapture"/> of the call that caused it. The capture travels in
/// an <see cref="AsyncLocal{T}"/> because concurrent generations share one HttpClient and nothing else in the
/// Semantic Kernel call chain can tie a response to its caller.
/// </summary>
internal sealed class ResponseCaptureHandler : DelegatingHandler
{
    private static readonly AsyncLocal<ExchangeCapture?> CurrentCapture = new();

    public ResponseCaptureHandler(HttpMessageHandler inner) : base(inner) { }

    /// <summary>The capture for HTTP calls made from the current async flow; set it before calling the client.</summary>
    public static ExchangeCapture? Current
    {
        get => CurrentCapture.Value;
        set => CurrentCapture.Value = value;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var capture = CurrentCapture.Value;
        if (capture is not null && request.Content is not null)
            capture.RequestBody = await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (capture is null)
            return response;

        capture.StatusCode = (int)response.StatusCode;
        capture.ReasonPhrase = response.ReasonPhrase;
        capture.RetryAfter = response.Headers.RetryAfter;

        // Buffer the body here so a connection dropped mid-body surfaces as an IOException from this call, and so the
        // raw JSON stays available after the client has parsed it.
        byte[] body;
        try
        {
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        capture.ResponseBody = System.Text.Encoding.UTF8.GetString(body);

        var replacement = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content.Dispose();
        response.Content = replacement;
        return response;
    }
}
