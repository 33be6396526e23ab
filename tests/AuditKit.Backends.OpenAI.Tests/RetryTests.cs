using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Attempts;

namespace AuditKit.Backends.OpenAI.Tests;

public sealed class RetryTests
{
    [Theory]
    [InlineData(FaultKind.RateLimited)]
    [InlineData(FaultKind.InternalError)]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.DropConnection)]
    [InlineData(FaultKind.MalformedJson)]
    public async Task GenerateAsync_TransientFaultTwice_RetriesAndReturnsTheAnswer(FaultKind kind)
    {
        await using var server = new LoopbackOpenAIServer { Faults = r => r.AttemptForPrompt <= 2 ? ServerFault.Of(kind) : null };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(server, delay);

        var generation = await backend.GenerateAsync(TestBackends.Ask("flaky"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(LoopbackOpenAIServer.AnswerFor("flaky"), generation.Text);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(2, delay.Waits.Count);
    }

    [Fact]
    public async Task GenerateAsync_ResponseSlowerThanTimeout_RetriesAndReturnsTheAnswer()
    {
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.AttemptForPrompt == 1 ? new ServerFault(FaultKind.Slow, Stall: TimeSpan.FromSeconds(3)) : null,
        };
        var options = TestBackends.Options(server.BaseUrl) with { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("slow"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(LoopbackOpenAIServer.AnswerFor("slow"), generation.Text);
        Assert.Equal(2, server.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_AlwaysSlowerThanTimeout_ReturnsTimeoutError()
    {
        await using var server = new LoopbackOpenAIServer { Faults = _ => new ServerFault(FaultKind.Slow, Stall: TimeSpan.FromSeconds(3)) };
        var options = TestBackends.Options(server.BaseUrl) with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("slow"), CancellationToken.None);

        Assert.Equal(FinishReason.Error, generation.FinishReason);
        Assert.Contains("timeout", generation.Error);
        Assert.Contains("2 attempts", generation.Error);
    }

    [Fact]
    public async Task GenerateAsync_ServerKeepsFailing_ReturnsOneLineErrorNamingTheStatus()
    {
        await using var server = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(FaultKind.Unavailable) };
        var options = TestBackends.Options(server.BaseUrl) with { MaxRetries = 2 };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(options, delay);

        var generation = await backend.GenerateAsync(TestBackends.Ask("down"), CancellationToken.None);

        Assert.Equal(FinishReason.Error, generation.FinishReason);
        Assert.NotNull(generation.Error);
        Assert.Contains("503", generation.Error);
        Assert.Contains("model is loading", generation.Error);
        Assert.Contains("3 attempts", generation.Error);
        Assert.DoesNotContain('\n', generation.Error);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal(2, delay.Waits.Count);
    }

    [Fact]
    public async Task GenerateAsync_RetryAfterSeconds_WaitsWhatTheServerAsked()
    {
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.AttemptForPrompt == 1 ? new ServerFault(FaultKind.RateLimited, RetryAfter: "3") : null,
        };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(server, delay);

        var generation = await backend.GenerateAsync(TestBackends.Ask("busy"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal([TimeSpan.FromSeconds(3)], delay.Waits);
    }

    [Fact]
    public async Task GenerateAsync_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        var until = DateTimeOffset.UtcNow.AddSeconds(40).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.AttemptForPrompt == 1 ? new ServerFault(FaultKind.RateLimited, RetryAfter: until) : null,
        };
        var delay = new RecordingDelay();
        var options = TestBackends.Options(server.BaseUrl) with { MaxRetryDelay = TimeSpan.FromSeconds(60) };
        await using var backend = TestBackends.Create(options, delay);

        await backend.GenerateAsync(TestBackends.Ask("busy"), CancellationToken.None);

        var wait = Assert.Single(delay.Waits);
        Assert.InRange(wait.TotalSeconds, 30.0, 40.0); // whole seconds in HTTP dates, and a slow first request
    }

    [Fact]
    public async Task GenerateAsync_RetryAfterBeyondCap_WaitsOnlyTheCap()
    {
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.AttemptForPrompt == 1 ? new ServerFault(FaultKind.RateLimited, RetryAfter: "3600") : null,
        };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(server, delay);

        await backend.GenerateAsync(TestBackends.Ask("busy"), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(5)], delay.Waits);
    }

    [Fact]
    public async Task GenerateAsync_NoRetryAfter_DoublesTheWaitWithJitter()
    {
        await using var server = new LoopbackOpenAIServer { Faults = r => r.AttemptForPrompt <= 3 ? ServerFault.Of(FaultKind.InternalError) : null };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(server, delay);

        await backend.GenerateAsync(TestBackends.Ask("flaky"), CancellationToken.None);

        Assert.Equal(3, delay.Waits.Count);
        Assert.InRange(delay.Waits[0].TotalMilliseconds, 50, 100);
        Assert.InRange(delay.Waits[1].TotalMilliseconds, 100, 200);
        Assert.InRange(delay.Waits[2].TotalMilliseconds, 200, 400);
    }

    [Fact]
    public async Task GenerateAsync_ClientError_FailsWithoutRetrying()
    {
        await using var server = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(FaultKind.UnauthorizedEchoingKey) };
        var delay = new RecordingDelay();
        await using var backend = TestBackends.Create(server, delay);

        var generation = await backend.GenerateAsync(TestBackends.Ask("hi"), CancellationToken.None);

        Assert.Contains("401", generation.Error);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(delay.Waits);
    }

    [Fact]
    public async Task GenerateAsync_ServerEchoesTheKey_ErrorNeverContainsIt()
    {
        await using var server = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(FaultKind.UnauthorizedEchoingKey) };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("hi"), CancellationToken.None);

        Assert.Contains("bad credentials", generation.Error);
        Assert.DoesNotContain(TestBackends.ApiKey, generation.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(TestBackends.ApiKey, generation.PromptAsSent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.RateLimited, "429")]
    [InlineData(FaultKind.InternalError, "500")]
    [InlineData(FaultKind.DropConnection, "connection")]
    [InlineData(FaultKind.MalformedJson, "malformed JSON")]
    public async Task GenerateAsync_FaultOutlastsRetries_ErrorSaysWhatHappened(FaultKind kind, string expected)
    {
        await using var server = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(kind) };
        var options = TestBackends.Options(server.BaseUrl) with { MaxRetries = 1 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("x"), CancellationToken.None);

        Assert.Contains(expected, generation.Error);
        Assert.Contains("2 attempts", generation.Error);
        Assert.Equal(2, server.RequestCount);
    }
}
