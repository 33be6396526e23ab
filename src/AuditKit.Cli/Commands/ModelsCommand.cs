using System.CommandLine;
using AuditKit.Backends.LlamaSharp.Downloads;
using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.Cli.Output;
using AuditKit.Core.Http;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit models pull hf:OWNER/REPO/FILE.gguf</c>: download into the Hugging Face cache so <c>--model hf:...</c> finds it.</summary>
public static class ModelsCommand
{
    public static Command Create(CliContext cli)
    {
        var reference = new Argument<string>("reference") { Description = "hf:OWNER/REPO/FILE.gguf[@REVISION]" };
        var sha = new Option<string?>("--sha256") { Description = "Expected SHA-256 (default: the server's ETag when it is one)" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Hub base URL (default: HF_ENDPOINT or https://huggingface.co)" };
        var allowInsecure = new Option<bool>("--allow-insecure") { Description = "Allow plain http:// to a hub that is not loopback" };
        var pull = new Command("pull", "Download a GGUF with resume and a SHA-256 check") { reference, sha, endpoint, allowInsecure };
        pull.SetAction((r, ct) => PullAsync(cli, r.GetValue(reference)!, r.GetValue(sha), r.GetValue(endpoint), r.GetValue(allowInsecure), ct));
        return new Command("models", "Find and fetch models") { pull };
    }

    /// <summary>Long enough for a slow network, short enough that an unreachable hub is reported rather than waited on.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    private static async Task<int> PullAsync(CliContext cli, string reference, string? sha, string? endpoint, bool allowInsecure, CancellationToken ct)
    {
        var hf = HuggingFaceReference.Parse(reference);
        var environmentEndpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } e ? e : null;
        var source = endpoint is not null ? "--endpoint" : environmentEndpoint is not null ? "HF_ENDPOINT" : "the default hub";
        var baseUrl = endpoint ?? environmentEndpoint ?? "https://huggingface.co";
        if (!Uri.TryCreate(baseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
            throw new UserInputException($"{source}: '{TerminalText.Safe(UrlRedaction.Redact(baseUrl))}' is not an http(s) URL");
        if (PlainHttpPolicy.Refusal(root, allowInsecure, "the model file") is { } refusal)
            throw new UserInputException($"{source}: {refusal} (--allow-insecure permits plain http)");
        var url = new Uri(root, $"{Uri.EscapeDataString(hf.Owner)}/{Uri.EscapeDataString(hf.Repo)}/resolve/{Uri.EscapeDataString(hf.Revision)}/{string.Join('/', hf.File.Split('/').Select(Uri.EscapeDataString))}");

        var stores = ModelStores.FromEnvironment();
        var repoDir = Path.Combine(stores.HuggingFaceHub, hf.CacheFolderName);
        var destination = Path.Combine(repoDir, "snapshots", hf.Revision, hf.File);
        if (sha is not null && (sha.Length != 64 || !sha.All(char.IsAsciiHexDigit)))
            throw new UserInputException("--sha256: expected 64 hexadecimal characters");

        // No overall timeout: a large model takes hours; only connecting is bounded.
        // Hubs redirect downloads to their CDN: every hop is checked against the plain-http rule, as the first URL was.
        using var http = new HttpClient(new CheckedRedirectHandler(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout, AllowAutoRedirect = false }, allowInsecure, "the model file"))
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        long lastShown = 0;
        var progress = new Progress<DownloadProgress>(p =>
        {
            if (p.Bytes - lastShown < 64 << 20 && p.Bytes != p.TotalBytes) return;
            lastShown = p.Bytes;
            cli.Error.WriteLine(p.TotalBytes is { } t ? $"{p.Bytes >> 20} / {t >> 20} MiB ({100.0 * p.Bytes / t:F1}%)" : $"{p.Bytes >> 20} MiB");
        });
        var actual = await new ModelDownloader(http).DownloadAsync(url, destination, sha, progress, ct);
        Directory.CreateDirectory(Path.Combine(repoDir, "refs"));
        await File.WriteAllTextAsync(Path.Combine(repoDir, "refs", hf.Revision), hf.Revision, ct);
        cli.Out.WriteLine($"{TerminalText.Safe(destination)}  sha256 {actual}");
        return ExitCodes.Success;
    }
}
