using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace AuditKit.Backends.LlamaSharp.Downloads;

/// <summary>
/// Downloads a model file with resume and an integrity check. Bytes go to <c>DEST.part</c>; an interrupted download
/// continues with an HTTP Range request; the finished file is hashed and compared with the expected SHA-256 (given
/// by the user, or the server's ETag when it is a SHA-256, as Hugging Face serves for LFS files) before it is moved
/// into place, so a half-written or corrupted model is never left under the final name.
/// </summary>
public sealed class ModelDownloader(HttpClient http)
{
    public async Task<string> DownloadAsync(Uri url, string destination, string? expectedSha256, IProgress<DownloadProgress> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var part = destination + ".part";
        long existing = File.Exists(part) ? new FileInfo(part).Length : 0;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (existing > 0) request.Headers.Range = new RangeHeaderValue(existing, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) existing = new FileInfo(part).Length; // already complete
        else if (!response.IsSuccessStatusCode)
            throw new DownloadException($"{Redacted(url)}: server answered {(int)response.StatusCode} {response.ReasonPhrase}");
        else
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
                int read;
                try
                {
                    while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        written += read;
                        progress.Report(new DownloadProgress(written, total));
                    }
                }
                catch (Exception e) when (e is IOException or HttpRequestException)
                {
                    throw new DownloadException($"{Redacted(url)}: connection lost after {written} bytes ({e.Message}); run the same command again to resume");
                }
                if (total is { } t && written < t)
                    throw new DownloadException($"{Redacted(url)}: connection closed after {written} of {t} bytes; run the same command again to resume");
            }
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

    /// <summary>URLs are printed without query strings, which may carry signed tokens.</summary>
    private static string Redacted(Uri url) => url.GetLeftPart(UriPartial.Path);
}
