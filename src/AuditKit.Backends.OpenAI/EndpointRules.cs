using AuditKit.Core.Http;

namespace AuditKit.Backends.OpenAI;

/// <summary>Which endpoints a backend may talk to, and how an endpoint is written into a manifest.</summary>
internal static class EndpointRules
{
    /// <summary>Throws when the endpoint is unusable or would send the key in clear to another machine.</summary>
    public static Uri ValidateForRequests(Uri endpoint, bool allowInsecureHttp)
    {
        if (!endpoint.IsAbsoluteUri)
            throw new ArgumentException($"Endpoint must be an absolute http(s) URL, got '{Sanitize(endpoint)}'.", nameof(endpoint));
        if (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)
            throw new ArgumentException($"Endpoint must use http or https, got '{endpoint.Scheme}'.", nameof(endpoint));
        if (PlainHttpPolicy.Refusal(endpoint, allowInsecureHttp, "prompts and the API key") is { } refusal)
            throw new ArgumentException(refusal, nameof(endpoint));

        // Credentials in the URL are never sent (the key goes in the Authorization header); a query would end up in
        // the middle of the request path once the client appends chat/completions; a bare host means /v1.
        var builder = new UriBuilder(endpoint) { UserName = "", Password = "", Query = "", Fragment = "" };
        if (builder.Path is "" or "/")
            builder.Path = "/v1";
        return builder.Uri;
    }

    /// <summary>The endpoint without userinfo, query or fragment: safe to store in a run manifest.</summary>
    public static string Sanitize(Uri endpoint)
    {
        if (!endpoint.IsAbsoluteUri)
            return "(relative URL)";
        var builder = new UriBuilder(endpoint) { UserName = "", Password = "", Query = "", Fragment = "" };
        return builder.Uri.GetLeftPart(UriPartial.Path);
    }
}
