namespace AuditKit.Core.Runs;

/// <summary>
/// Reads the cause back from a stored error text, so the run summary, the manifest's <c>run_stats</c> and a later
/// look at the store count the same failures the same way.
/// </summary>
public static class FailureCauses
{
    /// <summary>The cause an HTTP status gives a failed request; a 2xx that failed is a response that could not be read.</summary>
    public static FailureCause OfStatus(int status) => status switch
    {
        401 or 403 => FailureCause.Unauthorized,
        404 => FailureCause.ModelNotFound,
        429 => FailureCause.RateLimited,
        >= 500 => FailureCause.ServerError,
        >= 200 and < 300 => FailureCause.BadResponse,
        _ => FailureCause.HttpError,
    };

    /// <summary>The cause an error text names; <see cref="FailureCause.Other"/> when it names none this knows.</summary>
    public static FailureCause Of(string error)
    {
        if (error.StartsWith("HTTP ", StringComparison.Ordinal) && error.Length >= 8 && int.TryParse(error.AsSpan(5, 3), out var status))
            return OfStatus(status);
        if (Has(error, "request timeout")) return FailureCause.Timeout;
        if (Has(error, "Connection refused")) return FailureCause.ConnectionRefused;
        if (Has(error, "Name or service not known") || Has(error, "No such host") || Has(error, "nodename nor servname")) return FailureCause.HostNotFound;
        if (Has(error, "SSL") || Has(error, "TLS") || Has(error, "certificate")) return FailureCause.Tls;
        if (Has(error, "connection failed or dropped") || Has(error, "connection dropped")) return FailureCause.ConnectionDropped;
        if (Has(error, "malformed JSON")) return FailureCause.BadResponse;
        if (Has(error, "(raise --context)")) return FailureCause.ContextExceeded;
        return FailureCause.Other;
    }

    /// <summary>A few words for people: "refused connection", "HTTP 401/403 (API key refused)".</summary>
    public static string Describe(FailureCause cause) => cause switch
    {
        FailureCause.ConnectionRefused => "refused connection (nothing listens at the endpoint)",
        FailureCause.HostNotFound => "host not found",
        FailureCause.Tls => "TLS handshake failed",
        FailureCause.Unauthorized => "HTTP 401/403 (API key missing or refused)",
        FailureCause.ModelNotFound => "HTTP 404 (model not found, or the URL lacks /v1)",
        FailureCause.RateLimited => "HTTP 429 (rate limited)",
        FailureCause.ServerError => "HTTP 5xx (server error)",
        FailureCause.HttpError => "other HTTP error",
        FailureCause.Timeout => "request timeout",
        FailureCause.ConnectionDropped => "connection dropped",
        FailureCause.BadResponse => "unusable response",
        FailureCause.ContextExceeded => "prompt longer than the context",
        _ => "other error",
    };

    /// <summary>The cause's key in <see cref="RunStats.FailuresByCause"/>: its snake_case name, e.g. <c>connection_refused</c>.</summary>
    public static string Key(FailureCause cause) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(cause.ToString());

    /// <summary>The cause a key names; null for a key this version does not know (a newer tool wrote it).</summary>
    public static FailureCause? FromKey(string key) => Enum.GetValues<FailureCause>().Where(c => Key(c) == key).Select(c => (FailureCause?)c).FirstOrDefault();

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
