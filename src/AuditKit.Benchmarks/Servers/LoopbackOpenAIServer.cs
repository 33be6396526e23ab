using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AuditKit.Benchmarks.Servers;

/// <summary>
/// A minimal OpenAI-compatible chat-completions server on 127.0.0.1 (ephemeral port) with scripted faults. Raw TCP
/// rather than HttpListener so it can reset a connection mid-body and needs no fixed port. Connections are kept
/// alive between requests (as real servers do) so that throughput measurements are not dominated by TCP setup.
/// </summary>
public sealed class LoopbackOpenAIServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentDictionary<string, int> _attemptsByPrompt = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private int _requestCount;
    private int _inFlight;
    private int _maxInFlight;

    public LoopbackOpenAIServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(backlog: 512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Base URL to give a client: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>Added before every response.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// When set, every request waits for this task before it is answered: a test can hold a client mid-run for as long
    /// as it needs, on any machine speed, then let it finish.
    /// </summary>
    public Task? HoldAnswersUntil { get; set; }

    /// <summary>Decides the fault for each request; null or returning null means a normal answer.</summary>
    public Func<ScriptedRequest, ServerFault?>? Faults { get; set; }

    /// <summary>When set, the answer to a prompt (default <see cref="AnswerFor"/>): lets a test play an LLM judge.</summary>
    public Func<string, string>? Answers { get; set; }

    /// <summary>When set, the message carries <c>reasoning_content</c> with this function's value for the prompt.</summary>
    public Func<string, string?>? Reasoning { get; set; }

    /// <summary>
    /// When set and returning text for a prompt, that text is sent as the response body exactly as given: lets a test
    /// play a server whose JSON no serializer would write (a lone <c>\ud800</c> escape, say).
    /// </summary>
    public Func<string, string?>? RawBodies { get; set; }

    /// <summary>
    /// When positive, every answer's content is this many bytes of 'x', written in chunks as it goes out, so that a
    /// hostile server's 50 MB answers cost the server almost no memory and only the client's memory is measured.
    /// </summary>
    public long StreamedAnswerBytes { get; set; }

    /// <summary>The <c>model</c> field of every response.</summary>
    public string ServedModel { get; set; } = "loopback/served-model-q4";

    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Most requests being handled at the same moment since the server started.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Number)];

    /// <summary>The deterministic answer to a prompt.</summary>
    public static string AnswerFor(string prompt) => $"Answer to: {prompt}";

    public static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _acceptLoop.ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        catch (SocketException) { }
        catch (ObjectDisposedException) { }
        await Task.WhenAll(_connections.ToArray()).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                // HttpClient never pipelines HTTP/1.1, so each request starts after the previous response was read.
                while (await ReadRequestAsync(stream, _stop.Token).ConfigureAwait(false) is { } request)
                {
                    if (!await RespondAsync(client, stream, request.Path, request.Headers, request.Body).ConfigureAwait(false))
                        break;
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
            {
                // The client gave up (timeout) or the server is stopping: nothing to answer.
            }
        }
    }

    /// <returns>False when the connection was dropped on purpose and must not be reused.</returns>
    private async Task<bool> RespondAsync(TcpClient client, NetworkStream stream, string path, Dictionary<string, string> headers, string body)
    {
        var now = Interlocked.Increment(ref _inFlight);
        var decremented = 0;
        void Leave()
        {
            // Leave before the last byte goes out: once the client has the response it may start another request,
            // and counting this one still in flight would overstate the client's concurrency.
            if (Interlocked.Exchange(ref decremented, 1) == 0)
                Interlocked.Decrement(ref _inFlight);
        }
        try
        {
            for (var seen = Volatile.Read(ref _maxInFlight); now > seen; seen = Volatile.Read(ref _maxInFlight))
                if (Interlocked.CompareExchange(ref _maxInFlight, now, seen) == seen)
                    break;

            var number = Interlocked.Increment(ref _requestCount);
            var prompt = LastMessageContent(body);
            var attempt = _attemptsByPrompt.AddOrUpdate(prompt, 1, (_, n) => n + 1);
            headers.TryGetValue("authorization", out var authorization);
            _requests.Enqueue(new RecordedRequest(number, path, authorization, body, prompt));

            if (Latency > TimeSpan.Zero)
                await Task.Delay(Latency, _stop.Token).ConfigureAwait(false);
            if (HoldAnswersUntil is { } hold)
                await hold.WaitAsync(_stop.Token).ConfigureAwait(false);

            if (!path.EndsWith("/chat/completions", StringComparison.Ordinal))
            {
                Leave();
                await WriteAsync(stream, 404, "Not Found", ErrorJson("no such route"), extraHeaders: null).ConfigureAwait(false);
                return true;
            }

            var fault = Faults?.Invoke(new ScriptedRequest(number, prompt, attempt));
            switch (fault?.Kind)
            {
                case FaultKind.RateLimited:
                    Leave();
                    await WriteAsync(stream, 429, "Too Many Requests", ErrorJson("rate limited"),
                        fault.RetryAfter is null ? null : $"Retry-After: {fault.RetryAfter}\r\n").ConfigureAwait(false);
                    return true;
                case FaultKind.InternalError:
                    Leave();
                    await WriteAsync(stream, 500, "Internal Server Error", ErrorJson("boom"), null).ConfigureAwait(false);
                    return true;
                case FaultKind.Unavailable:
                    Leave();
                    await WriteAsync(stream, 503, "Service Unavailable", ErrorJson("model is loading"), null).ConfigureAwait(false);
                    return true;
                case FaultKind.UnauthorizedEchoingKey:
                    Leave();
                    await WriteAsync(stream, 401, "Unauthorized", ErrorJson($"bad credentials: {authorization}"), null).ConfigureAwait(false);
                    return true;
                case FaultKind.MalformedJson:
                    Leave();
                    await WriteAsync(stream, 200, "OK", "{\"id\":\"x\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"trunc", null)
                        .ConfigureAwait(false);
                    return true;
                case FaultKind.DropConnection:
                    var full = Encoding.UTF8.GetBytes(CompletionJson(prompt, number));
                    var head = Encoding.ASCII.GetBytes(
                        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {full.Length}\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(head, _stop.Token).ConfigureAwait(false);
                    await stream.WriteAsync(full.AsMemory(0, full.Length / 2), _stop.Token).ConfigureAwait(false);
                    await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                    Leave();
                    client.Client.LingerState = new LingerOption(true, 0); // close with RST, as a crashed server would
                    return false;
                case FaultKind.Redirect:
                    Leave();
                    await WriteAsync(stream, 307, "Temporary Redirect", ErrorJson("moved"), $"Location: {fault.Location}\r\n").ConfigureAwait(false);
                    return true;
                case FaultKind.Slow:
                    await Task.Delay(fault.Stall, _stop.Token).ConfigureAwait(false);
                    break;
            }

            Leave();
            if (StreamedAnswerBytes > 0)
                return await WriteStreamedAnswerAsync(stream).ConfigureAwait(false);
            await WriteAsync(stream, 200, "OK", RawBodies?.Invoke(prompt) ?? CompletionJson(prompt, number), null).ConfigureAwait(false);
            return true;
        }
        finally
        {
            Leave();
        }
    }

    private string CompletionJson(string prompt, int number)
    {
        var answer = Answers?.Invoke(prompt) ?? AnswerFor(prompt);
        var finish = prompt.Contains("[length]", StringComparison.Ordinal) ? "length"
            : prompt.Contains("[odd-finish]", StringComparison.Ordinal) ? "eos_token"
            : prompt.Contains("[content-filter]", StringComparison.Ordinal) ? "content_filter"
            : "stop";
        var message = new Dictionary<string, object?> { ["role"] = "assistant", ["content"] = answer };
        if (Reasoning?.Invoke(prompt) is { } reasoning)
            message["reasoning_content"] = reasoning;
        var response = new Dictionary<string, object?>
        {
            ["id"] = $"chatcmpl-{number}",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = ServedModel,
            ["choices"] = new[] { new Dictionary<string, object?> { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish } },
            ["usage"] = new Dictionary<string, int>
            {
                ["prompt_tokens"] = WordCount(prompt),
                ["completion_tokens"] = WordCount(answer),
                ["total_tokens"] = WordCount(prompt) + WordCount(answer),
            },
        };
        return JsonSerializer.Serialize(response);
    }

    /// <returns>False when the client stopped reading (as a capped client does) and the connection is done.</returns>
    private async Task<bool> WriteStreamedAnswerAsync(NetworkStream stream)
    {
        var prefix = Encoding.UTF8.GetBytes($"{{\"id\":\"chatcmpl-big\",\"object\":\"chat.completion\",\"model\":\"{ServedModel}\",\"choices\":[{{\"index\":0,\"message\":{{\"role\":\"assistant\",\"content\":\"");
        var suffix = Encoding.UTF8.GetBytes("\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":16}}");
        var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {prefix.Length + StreamedAnswerBytes + suffix.Length}\r\n\r\n";
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token).ConfigureAwait(false);
            await stream.WriteAsync(prefix, _stop.Token).ConfigureAwait(false);
            for (long left = StreamedAnswerBytes; left > 0; left -= chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), _stop.Token).ConfigureAwait(false);
            await stream.WriteAsync(suffix, _stop.Token).ConfigureAwait(false);
            await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string ErrorJson(string message) =>
        JsonSerializer.Serialize(new { error = new { message, type = "server_error" } });

    private async Task WriteAsync(NetworkStream stream, int status, string reason, string body, string? extraHeaders)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\n" +
                   $"{extraHeaders}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token).ConfigureAwait(false);
        await stream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
        await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
    }

    private static string LastMessageContent(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("messages", out var messages) && messages.GetArrayLength() > 0
                && messages[messages.GetArrayLength() - 1].TryGetProperty("content", out var content))
                return content.ValueKind == JsonValueKind.String ? content.GetString() ?? "" : content.GetRawText();
        }
        catch (JsonException) { }
        return "";
    }

    /// <returns>Null when the client closed the connection between requests.</returns>
    private static async Task<(string Path, Dictionary<string, string> Headers, string Body)?> ReadRequestAsync(
        NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>(4096);
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0 && buffer.Count == 0)
                return null;
            if (read == 0)
                throw new InvalidDataException("connection closed before the request headers ended");
            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var headText = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
        var lines = headText.Split("\r\n");
        var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
            if (line.IndexOf(':') is var colon and > 0)
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();

        var rest = new List<byte>(buffer.Skip(headerEnd + 4));
        async Task FillAsync(int atLeast)
        {
            while (rest.Count < atLeast)
            {
                var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    throw new InvalidDataException("connection closed inside the request body");
                rest.AddRange(chunk.AsSpan(0, read));
            }
        }

        byte[] body;
        if (headers.TryGetValue("content-length", out var lengthText) && int.TryParse(lengthText, out var length))
        {
            await FillAsync(length).ConfigureAwait(false);
            body = rest.GetRange(0, length).ToArray();
        }
        else if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = new List<byte>();
            var position = 0;
            while (true)
            {
                int lineEnd;
                while ((lineEnd = IndexOfCrLf(rest, position)) < 0)
                    await FillAsync(rest.Count + 1).ConfigureAwait(false);
                var size = Convert.ToInt32(Encoding.ASCII.GetString(rest.GetRange(position, lineEnd - position).ToArray()).Split(';')[0].Trim(), 16);
                position = lineEnd + 2;
                if (size == 0)
                    break;
                await FillAsync(position + size + 2).ConfigureAwait(false);
                decoded.AddRange(rest.GetRange(position, size));
                position += size + 2;
            }
            body = [.. decoded];
        }
        else
        {
            body = [];
        }
        return (path, headers, Encoding.UTF8.GetString(body));
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                return i;
        return -1;
    }

    private static int IndexOfCrLf(List<byte> buffer, int from)
    {
        for (var i = from; i + 1 < buffer.Count; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n')
                return i;
        return -1;
    }
}
