using AuditKit.Backends.LlamaSharp.Downloads;
using AuditKit.TestSupport;

namespace AuditKit.Backends.LlamaSharp.Tests;

public class ModelDownloaderTests
{
    private static readonly byte[] Content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 251)).ToArray();

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
}
