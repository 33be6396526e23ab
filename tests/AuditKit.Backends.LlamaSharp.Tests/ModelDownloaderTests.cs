using System.Net;
using System.Net.Sockets;
using AuditKit.Backends.LlamaSharp.Downloads;
using AuditKit.TestSupport;

namespace AuditKit.Backends.LlamaSharp.Tests;

public class ModelDownloaderTests
{
    private static readonly byte[] Content = [.. "GGUF"u8, .. Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251))];

    [Fact]
    public async Task DownloadAsync_ConnectionDropped_ResumesWithRangeAndVerifiesSha256()
    {
        using var dir = new TempDirectory();
        using var server = new LoopbackFileServer(Content, dropAfterBytes: 100_000);
        using var http = new HttpClient();
        var downloader = new ModelDownloader(http);
        var dest = dir.File("model.gguf");
        var reports = new List<DownloadProgress>();

        var first = await Assert.ThrowsAsync<DownloadException>(() => downloader.DownloadAsync(server.Url, dest, null, new Progress<DownloadProgress>(reports.Add), CancellationToken.None));
        Assert.Contains("run the same command again to resume", first.Message);
        Assert.False(File.Exists(dest));
        Assert.Equal(100_000, new FileInfo(dest + ".part").Length);

        server.DropAfterBytes = null;
        var sha = await downloader.DownloadAsync(server.Url, dest, null, new Progress<DownloadProgress>(reports.Add), CancellationToken.None);

        Assert.Equal(server.Sha256, sha);
        Assert.Equal(Content, await File.ReadAllBytesAsync(dest));
        Assert.Equal("bytes=100000-", server.RangeHeaders[^1]);
        Assert.False(File.Exists(dest + ".part"));
    }

    [Fact]
    public async Task DownloadAsync_WrongExpectedSha_DiscardsTheFile()
    {
        using var dir = new TempDirectory();
        using var server = new LoopbackFileServer(Content, dropAfterBytes: null);
        using var http = new HttpClient();
        var dest = dir.File("model.gguf");
        var e = await Assert.ThrowsAsync<DownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(server.Url, dest, new string('0', 64), new Progress<DownloadProgress>(), CancellationToken.None));
        Assert.Contains("does not match the expected", e.Message);
        Assert.False(File.Exists(dest));
        Assert.False(File.Exists(dest + ".part"));
    }

    [Fact]
    public async Task DownloadAsync_ServerSendsSomethingElseThanAGguf_DiscardsItAndItsPartial()
    {
        using var dir = new TempDirectory();
        using var server = new LoopbackFileServer("<!DOCTYPE html><html>Repository not found</html>"u8.ToArray(), dropAfterBytes: null);
        using var http = new HttpClient();
        var dest = dir.File("model.gguf");

        var e = await Assert.ThrowsAsync<DownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(server.Url, dest, null, new Progress<DownloadProgress>(), CancellationToken.None));

        Assert.Equal($"{server.Url}: the server sent a file that is not a GGUF model (it starts with '<!DOCTYPE html><'); the download was discarded", e.Message);
        Assert.False(File.Exists(dest));
        Assert.False(File.Exists(dest + ".part"));
    }

    [Fact]
    public async Task DownloadAsync_ConnectionRefused_ThrowsDownloadExceptionNamingTheHostButNoCredentials()
    {
        using var dir = new TempDirectory();
        using var http = new HttpClient();
        var url = new Uri($"http://user:secret-token@127.0.0.1:{ClosedPort()}/owner/repo/resolve/main/model.gguf?token=secret-token");

        var e = await Assert.ThrowsAsync<DownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(url, dir.File("model.gguf"), null, new Progress<DownloadProgress>(), CancellationToken.None));

        Assert.StartsWith($"http://127.0.0.1:{url.Port}/owner/repo/resolve/main/model.gguf: cannot reach 127.0.0.1: ", e.Message);
        Assert.DoesNotContain("secret", e.Message);
    }

    [Fact]
    public async Task DownloadAsync_ServerNeverAnswers_ThrowsDownloadExceptionOnTheClientsTimeout()
    {
        using var dir = new TempDirectory();
        using var silent = new TcpListener(IPAddress.Loopback, 0); // accepts connections (the backlog does) and never answers
        silent.Start();
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/owner/repo/resolve/main/model.gguf");

        var e = await Assert.ThrowsAsync<DownloadException>(() =>
            new ModelDownloader(http).DownloadAsync(url, dir.File("model.gguf"), null, new Progress<DownloadProgress>(), CancellationToken.None));

        Assert.Equal($"{url}: 127.0.0.1 did not answer in time; run the same command again to resume", e.Message);
    }

    [Fact]
    public async Task DownloadAsync_CancelledByTheCaller_StaysACancellation()
    {
        using var dir = new TempDirectory();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/model.gguf");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new ModelDownloader(http).DownloadAsync(url, dir.File("model.gguf"), null, new Progress<DownloadProgress>(), cancel.Token));
    }

    /// <summary>A loopback port nothing listens on: taken from the OS, then released.</summary>
    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
