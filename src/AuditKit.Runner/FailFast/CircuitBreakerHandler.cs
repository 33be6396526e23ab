using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using AuditKit.Core.Runs;

namespace AuditKit.Runner.FailFast;

/// <summary>
/// Sits between an HTTP backend and its transport and tells the <see cref="CircuitBreaker"/> how each try went, with
/// the cause read from the status code or the exception rather than from message text. Sees no body and no header,
/// so no key can reach the breaker's message.
/// </summary>
public sealed class CircuitBreakerHandler(CircuitBreaker breaker, HttpMessageHandler transport) : DelegatingHandler(transport)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The backend's request timeout, the user's Ctrl+C or the breaker itself; the last two end the run anyway.
            breaker.RecordFailure(FailureCause.Timeout, "no response within the request timeout");
            throw;
        }
        catch (HttpRequestException e)
        {
            breaker.RecordFailure(CauseOf(e), OneLine(e));
            throw;
        }

        var status = (int)response.StatusCode;
        // A redirect is refused (never followed), so it counts as a failure: a server that redirects every request trips fail-fast.
        if (status is >= 200 and < 300) breaker.RecordSuccess();
        else breaker.RecordFailure(FailureCauses.OfStatus(status), $"HTTP {status} {response.ReasonPhrase} from {request.RequestUri?.GetLeftPart(UriPartial.Path)}");
        return response;
    }

    private static FailureCause CauseOf(HttpRequestException e)
    {
        if (Find<AuthenticationException>(e) is not null || e.HttpRequestError == HttpRequestError.SecureConnectionError) return FailureCause.Tls;
        if (e.HttpRequestError == HttpRequestError.NameResolutionError) return FailureCause.HostNotFound;
        if (Find<SocketException>(e) is { SocketErrorCode: SocketError.ConnectionRefused }) return FailureCause.ConnectionRefused;
        return FailureCause.ConnectionDropped;
    }

    private static string OneLine(Exception e)
    {
        var innermost = e;
        while (innermost.InnerException is not null) innermost = innermost.InnerException;
        var text = innermost == e || e.Message.Contains(innermost.Message, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({innermost.Message})";
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is T match) return match;
        return null;
    }
}
