namespace AuditKit.Backends.OpenAI;

/// <summary>
/// Records each exchange into the <see cref="ExchangeCapture"/> of the call that caused it. The capture travels in
/// an <see cref="AsyncLocal{T}"/> because concurrent generations share one HttpClient and nothing else in the
/// Semantic Kernel call chain can tie a response to its caller.
/// </summary>
internal sealed class ResponseCaptureHandler : DelegatingHandler
{
    private static readonly AsyncLocal<ExchangeCapture?> CurrentCapture = new();

    private readonly long _maxResponseBytes;

    /// <param name="maxResponseBytes">Bytes of a response body read at most; the rest is never read.</param>
    public ResponseCaptureHandler(HttpMessageHandler inner, long maxResponseBytes) : base(inner)
    {
        _maxResponseBytes = maxResponseBytes;
    }

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

        // A redirect is refused here, before anyone follows it: the prompts and the key would go to a URL that no
        // option names and that the plain-http rule never saw.
        if ((int)response.StatusCode is >= 300 and < 400 && response.StatusCode != System.Net.HttpStatusCode.NotModified)
        {
            capture.RedirectedTo = response.Headers.Location is { } location
                ? (location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location))
                : request.RequestUri;
            capture.ResponseBody = "";
            response.Dispose();
            throw new HttpRequestException($"redirect refused (HTTP {capture.StatusCode})");
        }

        // Buffer the body here, incrementally and up to the cap, so a connection dropped mid-body surfaces as an
        // IOException from this call, the raw JSON stays available after the client has parsed it, and a server
        // sending gigabytes costs at most the cap.
        string text;
        try
        {
            (text, capture.ResponseBodyCut) = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }
        capture.ResponseBody = JsonSurrogateRepair.ReplaceLoneSurrogateEscapes(text);
        if (capture.ResponseBodyCut)
        {
            response.Dispose(); // drops the connection: the rest is never read
            throw new HttpRequestException($"response body larger than {_maxResponseBytes} bytes; the first part was kept");
        }

        var body = System.Text.Encoding.UTF8.GetBytes(capture.ResponseBody);
        var replacement = new ByteArrayContent(body);
        foreach (var header in response.Content.Headers)
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) // the repair may change it
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content.Dispose();
        response.Content = replacement;
        return response;
    }

    /// <summary>The body as text (invalid UTF-8 becomes U+FFFD), and whether it was longer than the cap.</summary>
    private async Task<(string Text, bool Cut)> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        using var buffer = new MemoryStream(declared is { } n && n <= _maxResponseBytes ? (int)n : 64 * 1024);
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var chunk = new byte[64 * 1024];
        bool cut = false;
        while (true)
        {
            int read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            int keep = (int)Math.Min(read, _maxResponseBytes - buffer.Length);
            buffer.Write(chunk, 0, keep);
            if (keep < read) { cut = true; break; }
        }
        return (System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), cut);
    }
}
