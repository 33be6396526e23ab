using System.Net;

namespace AuditKit.Core.Http;

/// <summary>
/// The one rule for plain <c>http://</c>, shared by every command that talks to a server (an OpenAI-compatible endpoint,
/// a judge, a model hub): allowed to a loopback host, refused to any other unless the user allows it explicitly,
/// because what travels could be read or altered on the way.
/// </summary>
public static class PlainHttpPolicy
{
    /// <summary>
    /// Why <paramref name="url"/> may not be used, as one sentence; null when it may (https, http to a loopback host,
    /// or <paramref name="allowInsecureHttp"/>).
    /// </summary>
    /// <param name="exposed">What would travel unencrypted, e.g. "prompts and the API key".</param>
    public static string? Refusal(Uri url, bool allowInsecureHttp, string exposed)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttp || allowInsecureHttp || IsLoopback(url))
            return null;
        return $"Refusing plain http to non-loopback host '{url.Host}': {exposed} would travel unencrypted. " +
               "Use https, or allow insecure http explicitly.";
    }

    /// <summary><c>localhost</c> or a loopback address (127.0.0.0/8, ::1), however it is written.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
