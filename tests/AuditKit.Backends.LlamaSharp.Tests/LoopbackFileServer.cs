using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace AuditKit.Backends.LlamaSharp.Tests;

/// <summary>
/// Test fake for a model host on 127.0.0.1: serves one file with Range support and a SHA-256 ETag, and can cut the
/// connection after a number of bytes to exercise resume. The real downloader code runs unchanged against it.
/// </summary>
internal sealed class LoopbackFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly byte[] _content;
    private readonly Task _loop;

    public LoopbackFileServer(byte[] content, long? dropAfterBytes)
    {
        _content = content;
        DropAfterBytes = dropAfterBytes;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/owner/repo/resolve/main/model.gguf");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }
    public long? DropAfterBytes { get; set; }
    public List<string?> RangeHeaders { get; } = [];
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(_content));

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); } catch { return; }
            var range = ctx.Request.Headers["Range"];
            lock (RangeHeaders) RangeHeaders.Add(range);
            long start = range is not null ? long.Parse(range["bytes=".Length..].TrimEnd('-')) : 0;
            ctx.Response.StatusCode = start > 0 ? 206 : 200;
            ctx.Response.Headers["ETag"] = $"\"{Sha256}\"";
            ctx.Response.ContentLength64 = _content.Length - start;
            try
            {
                long end = DropAfterBytes is { } drop ? Math.Min(_content.Length, start + drop) : _content.Length;
                await ctx.Response.OutputStream.WriteAsync(_content.AsMemory((int)start, (int)(end - start)));
                if (end < _content.Length) { ctx.Response.Abort(); continue; }
                ctx.Response.Close();
            }
            catch (HttpListenerException) { }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
    }
}
