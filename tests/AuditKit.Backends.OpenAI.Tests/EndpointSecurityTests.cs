using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Backends.OpenAI.Tests;

public sealed class EndpointSecurityTests
{
    // 203.0.113.0/24 is TEST-NET-3: documentation only, never routed, so nothing could answer even if a request left.
    private static readonly Uri RemotePlainHttp = new("http://203.0.113.1:8000/v1");

    [Fact]
    public void Constructor_PlainHttpToRemoteHost_RefusedBeforeAnyRequest()
    {
        var counting = new CountingHandler(new SocketsHttpHandler());

        var error = Assert.Throws<ArgumentException>(() => new OpenAICompatibleBackend(
            TestBackends.Options(RemotePlainHttp), counting, TimeProvider.System, new RecordingDelay().WaitAsync,
            NullLogger<OpenAICompatibleBackend>.Instance));

        Assert.Contains("203.0.113.1", error.Message);
        Assert.DoesNotContain(TestBackends.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, counting.Count);
        counting.Dispose();
    }

    [Fact]
    public async Task Constructor_PlainHttpToRemoteHostWithAllowInsecure_IsAccepted()
    {
        var options = TestBackends.Options(RemotePlainHttp) with { AllowInsecureHttp = true };

        await using var backend = TestBackends.Create(options, new RecordingDelay());

        Assert.Equal("http://203.0.113.1:8000/v1", backend.Model.Endpoint);
    }

    [Theory]
    [InlineData("http://localhost:8080/v1")]
    [InlineData("http://127.0.0.1:8080/v1")]
    [InlineData("http://[::1]:8080/v1")]
    [InlineData("https://api.deepseek.com/v1")]
    public async Task Constructor_LoopbackHttpOrAnyHttps_IsAccepted(string endpoint)
    {
        await using var backend = TestBackends.Create(TestBackends.Options(new Uri(endpoint)), new RecordingDelay());

        Assert.Equal(endpoint, backend.Model.Endpoint);
    }

    [Fact]
    public void OptionsToString_WithKey_DoesNotRevealIt()
    {
        var text = TestBackends.Options(new Uri("https://api.example.com/v1")).ToString();

        Assert.DoesNotContain(TestBackends.ApiKey, text, StringComparison.Ordinal);
        Assert.Contains("ApiKey = set", text);
    }
}
