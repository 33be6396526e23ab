namespace AuditKit.Core.Http;

/// <summary>
/// A URL as it may appear in a message: without user info (<c>user:KEY@</c>) and without query or fragment
/// (<c>?api_key=...</c>), worked out on the text so that a URL that does not parse is redacted too.
/// </summary>
public static class UrlRedaction
{
    public const string Mask = "[redacted]";

    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var end = url.IndexOfAny(['?', '#']);
        var head = end < 0 ? url : url[..end];
        var tail = end < 0 ? "" : url[end] + Mask;
        var start = head.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        // The last '@' before the query ends the user info, however many the text holds ("user:KEY@@host").
        var at = head.LastIndexOf('@');
        return at >= start ? head[..start] + Mask + head[at..] + tail : head + tail;
    }
}
