namespace AuditKit.Benchmarks.Servers;

/// <summary>Ways the loopback server can misbehave on one request.</summary>
public enum FaultKind
{
    /// <summary>429 with the fault's Retry-After header value.</summary>
    RateLimited,
    /// <summary>500 Internal Server Error.</summary>
    InternalError,
    /// <summary>503 Service Unavailable.</summary>
    Unavailable,
    /// <summary>Headers and half the body, then a TCP reset.</summary>
    DropConnection,
    /// <summary>200 with a truncated JSON body.</summary>
    MalformedJson,
    /// <summary>Waits <see cref="ServerFault.Stall"/> before answering normally, to trip client timeouts.</summary>
    Slow,
    /// <summary>401 whose error message echoes the Authorization header, as careless proxies do.</summary>
    UnauthorizedEchoingKey,
    /// <summary>307 Temporary Redirect to <see cref="ServerFault.Location"/>, as a hijacked or misconfigured proxy might.</summary>
    Redirect,
}
