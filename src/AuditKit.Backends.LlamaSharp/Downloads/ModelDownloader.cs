using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace AuditKit.Backends.LlamaSharp.Downloads;

/// <summary>
/// Downloads a model file with resume and an integrity check. Bytes go to <c>DEST.part</c>; an interrupted download
/// continues with an HTTP Range request; the finished file must start with the GGUF magic (a hub answers a wrong
/// path or an expired link with an HTML page) and is hashed and compared with the expected SHA-256 (given by the
/// user, or the server's ETag when it is a SHA-256, as Hugging Face serves for LFS files) before it is moved into
/// place, so a half-written, corrupted or wrong file is never left under the final name. Every failure is a
/// <see cref="DownloadException"/> whose message names the URL without credentials or query.
/// </summary>
public sealed class ModelDownloader(HttpClient http)
{
    private static readonly byte[] GgufMagic = "GGUF"u8.ToArray();

    public async Task<string> DownloadAsync(Uri url, string destination, string? expectedSha256, IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await DownloadCoreAsync(url, destination, expectedSha256, progress, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DownloadException($"{Redacted(url)}: cannot reach {url.Host}: {e.Message}");
        }
        // HttpClient reports its own timeout (and a connect timeout) as a cancellation the caller did not ask for.
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DownloadException($"{Redacted(url)}: {url.Host} did not answer in time; run the same command again to resume");
        }
        catch (IOException e)
        {
            throw new DownloadException($"{destination}: cannot write the download: {e.Message}");
        }
    }

    private async Task<string> DownloadCoreAsync(Uri url, string destination, string? expectedSha256, IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var part = destination + ".part";
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        // 416 to a range starting at the end of the part: the part is already complete.
        bool complete = response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && existing > 0;
        if (!complete && !response.IsSuccessStatusCode)
            throw new DownloadException($"{Redacted(url)}: server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        if (!complete)
        {
            bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
            if (!resumed) existing = 0; // the server ignored the range: start over
            long? total = response.Content.Headers.ContentLength is { } length ? length + existing : null;
            expectedSha256 ??= ShaFromETag(response);

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (var file = new FileStream(part, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                var buffer = new byte[1 << 20];
                long written = existing;
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, cancellationToken);
                    }
                    catch (Exception e) when (e is IOException or HttpRequestException)
                    {
                        throw new DownloadException($"{Redacted(url)}: connection lost after {written} bytes ({e.Message}); run the same command again to resume");
                    }
                    if (read == 0) break;
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    written += read;
                    progress.Report(new DownloadProgress(written, total));
                }
                if (total is { } t && written < t)
                    throw new DownloadException($"{Redacted(url)}: connection closed after {written} of {t} bytes; run the same command again to resume");
            }
        }

        if (await ReadStartAsync(part, cancellationToken) is var start && !start.AsSpan().StartsWith(GgufMagic))
        {
            File.Delete(part);
            throw new DownloadException($"{Redacted(url)}: the server sent a file that is not a GGUF model (it starts with '{Printable(start)}'); the download was discarded");
        }
        var actual = await HashAsync(part, cancellationToken);
        if (expectedSha256 is not null && !string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(part);
            throw new DownloadException($"{Redacted(url)}: SHA-256 {actual} does not match the expected {expectedSha256.ToLowerInvariant()}; the download was discarded");
        }
        File.Move(part, destination, overwrite: true);
        return actual;
    }

    private static string? ShaFromETag(HttpResponseMessage response)
    {
        var tag = response.Headers.TryGetValues("X-Linked-Etag", out var linked) ? linked.FirstOrDefault() : response.Headers.ETag?.Tag;
        var value = tag?.Trim('"', 'W', '/');
        return value is { Length: 64 } && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>The first bytes of the file, enough to tell a GGUF from an HTML error page in a message.</summary>
    private static async Task<byte[]> ReadStartAsync(string path, CancellationToken ct)
    {
        var start = new byte[16];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var read = await stream.ReadAtLeastAsync(start, start.Length, throwOnEndOfStream: false, ct);
        return start[..read];
    }

    private static string Printable(byte[] bytes) => new(bytes.Select(b => b is >= 0x20 and < 0x7F ? (char)b : '.').ToArray());

    /// <summary>URLs are printed without user info or query strings, which may carry tokens.</summary>
    private static string Redacted(Uri url) =>
        new UriBuilder(url) { UserName = "", Password = "", Query = "", Fragment = "" }.Uri.GetLeftPart(UriPartial.Path);
}
