using System.Net;
using System.Net.Sockets;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// <c>auditkit models pull</c> with a hub it cannot or must not use: one line naming the host or the option, exit 2,
/// and nothing in the cache. No test reaches the internet: refused hosts are refused before any connection.
/// </summary>
public class ModelsCommandTests
{
    private static async Task<(int ExitCode, string Line, string Cache)> PullAsync(TempDirectory dir, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var cache = dir.File("hub");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, new Dictionary<string, string>(environment) { ["HF_HUB_CACHE"] = cache }, ["models", "pull", .. args]);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"exit {exit}, expected one line on stderr: {stderr}");
        return (exit, lines[0], cache);
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Pull_EndpointRefusesConnections_Exits2NamingTheHost()
    {
        using var dir = new TempDirectory();
        var port = ClosedPort();
        var (exit, line, cache) = await PullAsync(dir, new Dictionary<string, string>(), "hf:a/b/c.gguf", "--endpoint", $"http://127.0.0.1:{port}");

        Assert.Equal(2, exit);
        Assert.StartsWith($"auditkit: http://127.0.0.1:{port}/a/b/resolve/main/c.gguf: cannot reach 127.0.0.1: ", line);
        Assert.False(File.Exists(Path.Combine(cache, "models--a--b", "snapshots", "main", "c.gguf")));
    }

    [Fact]
    public async Task Pull_HfEndpointUnreachable_Exits2NamingTheHost()
    {
        using var dir = new TempDirectory();
        var port = ClosedPort();
        var (exit, line, _) = await PullAsync(dir, new Dictionary<string, string> { ["HF_ENDPOINT"] = $"http://127.0.0.1:{port}/" }, "hf:a/b/c.gguf");

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach 127.0.0.1", line);
    }

    [Fact]
    public async Task Pull_HostThatDoesNotResolve_Exits2NamingTheHost()
    {
        using var dir = new TempDirectory();
        // .invalid never resolves (RFC 6761), with or without a network.
        var (exit, line, _) = await PullAsync(dir, new Dictionary<string, string>(), "hf:a/b/c.gguf", "--endpoint", "http://hub.invalid", "--allow-insecure");

        Assert.Equal(2, exit);
        Assert.StartsWith("auditkit: http://hub.invalid/a/b/resolve/main/c.gguf: cannot reach hub.invalid: ", line);
    }

    [Theory]
    [InlineData("--endpoint")]
    [InlineData("HF_ENDPOINT")]
    public async Task Pull_PlainHttpToAHostThatIsNotLoopback_IsRefusedWithoutAllowInsecure(string source)
    {
        using var dir = new TempDirectory();
        var environment = source == "HF_ENDPOINT" ? new Dictionary<string, string> { ["HF_ENDPOINT"] = "http://hub.example" } : [];
        string[] args = source == "HF_ENDPOINT" ? ["hf:a/b/c.gguf"] : ["hf:a/b/c.gguf", "--endpoint", "http://hub.example"];

        var (exit, line, _) = await PullAsync(dir, environment, args);

        Assert.Equal(2, exit);
        Assert.Equal($"auditkit: {source}: Refusing plain http to non-loopback host 'hub.example': the model file would travel unencrypted. " +
                     "Use https, or allow insecure http explicitly. (--allow-insecure permits plain http)", line);
    }

    [Fact]
    public async Task Pull_ReferenceToAFileThatIsNotAGguf_Exits2BeforeAnyDownload()
    {
        using var dir = new TempDirectory();
        var (exit, line, _) = await PullAsync(dir, new Dictionary<string, string>(), "hf:a/b/c.txt", "--endpoint", $"http://127.0.0.1:{ClosedPort()}");

        Assert.Equal(2, exit);
        Assert.Equal("auditkit: hf:a/b/c.txt: 'c.txt' is not a .gguf file; expected hf:OWNER/REPO/FILE.gguf[@REVISION]", line);
    }
}
