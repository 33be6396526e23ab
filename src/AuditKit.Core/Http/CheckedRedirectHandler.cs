using System.Net;

namespace AuditKit.Core.Http;

/// <summary>
/// Follows redirects of GET and HEAD requests itself, checking every target against <see cref="PlainHttpPolicy"/>
/// before anything is sent there: the transport's own redirect handling would follow an https URL to plain http on
/// another host. The inner handler must not follow redirects (<c>AllowAutoRedirect = false</c>). The response's
/// <see cref="HttpResponseMessage.RequestMessage"/> names the final URL.
/// </summary>
public sealed class CheckedRedirectHandler(HttpMessageHandler inner, bool allowInsecureHttp, string exposed) : DelegatingHandler(inner)
{
    /// <summary>Redirects followed at most for one request.</summary>
    public const int MaxRedirects = 10;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        for (int hops = 0; IsRedirect(response.StatusCode) && response.Headers.Location is { } location; hops++)
        {
            // A POST body would be sent again to the new place: only requests that carry nothing are followed.
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
                return response;
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            response.Dispose();
            if (hops == MaxRedirects)
                throw new HttpRequestException($"more than {MaxRedirects} redirects, the last to {UrlRedaction.Redact(target.OriginalString)}");
            if (target.Scheme != Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttp)
                throw new HttpRequestException($"redirect to {UrlRedaction.Redact(target.OriginalString)} refused: not an http(s) URL");
            if (PlainHttpPolicy.Refusal(target, allowInsecureHttp, exposed) is { } refusal)
                throw new HttpRequestException($"redirect to {UrlRedaction.Redact(target.OriginalString)} refused: {refusal}");

            var next = new HttpRequestMessage(request.Method, target) { Version = request.Version, VersionPolicy = request.VersionPolicy };
            bool sameOrigin = Uri.Compare(target, request.RequestUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            foreach (var header in request.Headers)
                if (sameOrigin || !header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) // credentials stay with their host
                    next.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request = next;
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        response.RequestMessage = request; // the final URL, whatever the transport recorded
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
