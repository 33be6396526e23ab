using System.Text.Json;
using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Attempts;

namespace AuditKit.Backends.OpenAI.Tests;

public sealed class GenerationTests
{
    [Fact]
    public async Task GenerateAsync_HealthyServer_ReturnsAnswerUsageAndStop()
    {
        await using var server = new LoopbackOpenAIServer();
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("What happened in 1989?"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(LoopbackOpenAIServer.AnswerFor("What happened in 1989?"), generation.Text);
        Assert.Equal(FinishReason.Stop, generation.FinishReason);
        Assert.Equal(4, generation.PromptTokens);
        Assert.Equal(6, generation.CompletionTokens);
        Assert.True(generation.DurationMs > 0);
        Assert.Null(generation.ServerReasoning);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_ServerSendsReasoningContent_FillsServerReasoning()
    {
        await using var server = new LoopbackOpenAIServer { Reasoning = prompt => $"The user asks about {prompt}." };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("Tiananmen"), CancellationToken.None);

        Assert.Equal("The user asks about Tiananmen.", generation.ServerReasoning);
        Assert.Equal(LoopbackOpenAIServer.AnswerFor("Tiananmen"), generation.Text);
    }

    [Fact]
    public async Task GenerateAsync_ServerSendsEmptyReasoning_KeepsItEmptyRatherThanMissing()
    {
        // An empty trace is the "thought suppression" signal, so it must stay distinguishable from no trace at all.
        await using var server = new LoopbackOpenAIServer { Reasoning = _ => "" };
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("Tiananmen"), CancellationToken.None);

        Assert.Equal("", generation.ServerReasoning);
    }

    [Fact]
    public async Task GenerateAsync_LengthFinish_ReportsLength()
    {
        await using var server = new LoopbackOpenAIServer();
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("long one [length]"), CancellationToken.None);

        Assert.Equal(FinishReason.Length, generation.FinishReason);
    }

    [Fact]
    public async Task GenerateAsync_ContentFilterFinish_KeepsProviderModeration()
    {
        // The provider's filter cut the answer: the attempt must say so instead of passing as a normal stop.
        await using var server = new LoopbackOpenAIServer();
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("Tiananmen [content-filter]"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(FinishReason.ContentFilter, generation.FinishReason);
        Assert.Equal("content_filter", generation.Moderation);
    }

    [Fact]
    public async Task GenerateAsync_FinishReasonTheClientDoesNotKnow_StillReturnsTheAnswer()
    {
        await using var server = new LoopbackOpenAIServer();
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("odd [odd-finish]"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal(LoopbackOpenAIServer.AnswerFor("odd [odd-finish]"), generation.Text);
        Assert.Equal(FinishReason.Stop, generation.FinishReason);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GenerateAsync_Always_SendsModelSamplerSeedAndBearerKey()
    {
        await using var server = new LoopbackOpenAIServer();
        await using var backend = TestBackends.Create(server, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("hello"), CancellationToken.None);

        var sent = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", sent.Path);
        Assert.Equal($"Bearer {TestBackends.ApiKey}", sent.Authorization);
        using var body = JsonDocument.Parse(sent.Body);
        var root = body.RootElement;
        Assert.Equal("test-model", root.GetProperty("model").GetString());
        Assert.Equal(0.7, root.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, root.GetProperty("top_p").GetDouble(), 3);
        Assert.Equal(1234, root.GetProperty("seed").GetInt64());
        Assert.Equal(64, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
        Assert.Equal(sent.Body, generation.PromptAsSent);
        Assert.DoesNotContain(TestBackends.ApiKey, generation.PromptAsSent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_AfterFirstResponse_NamesServedModelAndEndpointWithoutSecrets()
    {
        await using var server = new LoopbackOpenAIServer { ServedModel = "qwen2.5-7b-instruct-q4_k_m" };
        var endpoint = new Uri($"http://user:secret@127.0.0.1:{server.Port}/v1?token=abc");
        await using var backend = TestBackends.Create(TestBackends.Options(endpoint), new RecordingDelay());
        Assert.Null(backend.Model.ServedModel);

        var generation = await backend.GenerateAsync(TestBackends.Ask("hi"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal("openai-compatible", backend.Model.Backend);
        Assert.Equal("test-model", backend.Model.Name);
        Assert.Equal("qwen2.5-7b-instruct-q4_k_m", backend.Model.ServedModel);
        Assert.Equal($"http://127.0.0.1:{server.Port}/v1", backend.Model.Endpoint);
    }

    [Fact]
    public async Task GenerateAsync_EndpointWithoutPath_PostsToV1ChatCompletions()
    {
        await using var server = new LoopbackOpenAIServer();
        var options = TestBackends.Options(new Uri($"http://127.0.0.1:{server.Port}"));
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var generation = await backend.GenerateAsync(TestBackends.Ask("hi"), CancellationToken.None);

        Assert.Null(generation.Error);
        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task GenerateAsync_CallerCancels_ThrowsOperationCanceled()
    {
        await using var server = new LoopbackOpenAIServer { Latency = TimeSpan.FromSeconds(2) };
        await using var backend = TestBackends.Create(server, new RecordingDelay());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => backend.GenerateAsync(TestBackends.Ask("hi"), cancel.Token));
    }
}
