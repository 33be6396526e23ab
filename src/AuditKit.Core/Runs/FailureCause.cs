namespace AuditKit.Core.Runs;

/// <summary>Why a request or an attempt failed, as far as the error tells; the run summary counts failures by it.</summary>
public enum FailureCause
{
    /// <summary>Nothing listens at the endpoint's host and port.</summary>
    ConnectionRefused,
    /// <summary>The endpoint's host name does not resolve.</summary>
    HostNotFound,
    /// <summary>The TLS handshake failed (certificate, protocol).</summary>
    Tls,
    /// <summary>HTTP 401 or 403: the API key is missing, wrong or not allowed this model.</summary>
    Unauthorized,
    /// <summary>HTTP 404: the server does not serve this model id (or the URL lacks /v1).</summary>
    ModelNotFound,
    /// <summary>HTTP 429.</summary>
    RateLimited,
    /// <summary>HTTP 5xx.</summary>
    ServerError,
    /// <summary>Any other HTTP status.</summary>
    HttpError,
    /// <summary>No response within the request timeout.</summary>
    Timeout,
    /// <summary>The connection closed before the response was complete.</summary>
    ConnectionDropped,
    /// <summary>The server answered with a body that is not a usable completion.</summary>
    BadResponse,
    /// <summary>The prompt does not fit the model's context.</summary>
    ContextExceeded,
    /// <summary>Anything else (a backend error, a crash of the model).</summary>
    Other,
}
