using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Attempts;

namespace AuditKit.Backends.OpenAI.Tests;

/// <summary>What a server that means harm sends: endless answers, JSON no string can hold, redirects elsewhere.</summary>
public sealed class HostileServerTests
{
    [Fact]
    public async Task GenerateAsync_AnswerFarLargerThanTheCap_KeepsTheCapAndFinishesAsCapped()
    {
        await using var server = new LoopbackOpenAIServer { StreamedAnswerBytes = 50L << 20 };
        var options = TestBackends.Options(server.BaseUrl) with { MaxAnswerChars = 10_000 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("Say everything"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(FinishReason.Capped, generation.FinishReason);
        Assert.Equal(new string('x', 10_000), generation.Text);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_AnswerAndReasoningOverTheCapInACompleteBody_AreCutAndMarkedCapped()
    {
        await using var server = new LoopbackOpenAIServer
        {
            Answers = _ => new string('a', 3_000),
            Reasoning = _ => new string('r', 2_000),
        };
        var options = TestBackends.Options(server.BaseUrl) with { MaxAnswerChars = 1_000 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("q"), CancellationToken.None);

        Assert.Equal(FinishReason.Capped, generation.FinishReason);
        Assert.Equal(1_000, generation.Text.Length);
        Assert.Equal(1_000, generation.ServerReasoning!.Length);
    }

    [Fact]
    public async Task GenerateAsync_LoneSurrogateEscapeInTheAnswer_BecomesAReplacementCharacterNotAFailure()
    {
        await using var server = new LoopbackOpenAIServer
        {
            RawBodies = _ => """{"id":"x","object":"chat.completion","model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"a\ud800b \ud83d\ude00 \\ud800"},"finish_reason":"stop"}]}""",
        };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("q"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal("a\uFFFDb \U0001F600 \\ud800", generation.Text);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_ServerRedirectsElsewhere_IsRefusedNamingTheTargetAndNothingGoesThere()
    {
        await using var elsewhere = new LoopbackOpenAIServer();
        await using var server = new LoopbackOpenAIServer
        {
            Faults = _ => new ServerFault(FaultKind.Redirect, Location: $"http://user:sk-leak@127.0.0.1:{elsewhere.Port}/v1/chat/completions?token=sk-leak"),
        };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("q"), CancellationToken.None);

        Assert.Equal(FinishReason.Error, generation.FinishReason);
        Assert.Contains($"redirects to http://127.0.0.1:{elsewhere.Port}/v1/chat/completions", generation.Error);
        Assert.DoesNotContain("sk-leak", generation.Error);
        Assert.Equal(1, server.RequestCount); // not retried: another try would be redirected again
        Assert.Equal(0, elsewhere.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_TransportUnderAnotherHandler_RedirectIsStillNotFollowed()
    {
        // run and audit put the circuit breaker between the backend and the transport.
        await using var elsewhere = new LoopbackOpenAIServer();
        await using var server = new LoopbackOpenAIServer
        {
            Faults = _ => new ServerFault(FaultKind.Redirect, Location: $"http://127.0.0.1:{elsewhere.Port}/v1/chat/completions"),
        };
        await using var backend = new OpenAICompatibleBackend(TestBackends.Options(server.BaseUrl), new PassThrough(new SocketsHttpHandler()),
            TimeProvider.System, new RecordingDelay().WaitAsync, Microsoft.Extensions.Logging.Abstractions.NullLogger<OpenAICompatibleBackend>.Instance);

        var generation = await backend.GenerateAsync(TestBackends.Ask("q"), CancellationToken.None);

        Assert.Contains($"redirects to http://127.0.0.1:{elsewhere.Port}/v1/chat/completions", generation.Error);
        Assert.Equal(0, elsewhere.RequestCount);
    }

    private sealed class PassThrough(HttpMessageHandler inner) : DelegatingHandler(inner);

    [Fact]
    public async Task GenerateAsync_RedirectToPlainHttpRemoteHost_IsNotFollowed()
    {
        await using var server = new LoopbackOpenAIServer
        {
            Faults = _ => new ServerFault(FaultKind.Redirect, Location: "http://203.0.113.1:8000/v1/chat/completions"),
        };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("q"), CancellationToken.None);

        Assert.Contains("redirects to http://203.0.113.1:8000/v1/chat/completions", generation.Error);
    }
}
