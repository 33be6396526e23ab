using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Backends;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Backends.OpenAI.Tests;

/// <summary>Backends wired to a loopback server with test-sized timeouts and a recording delay.</summary>
public static class TestBackends
{
    public const string ApiKey = "sk-test-7f3a9c1e5b2d";

    public static OpenAIBackendOptions Options(Uri endpoint) => new(
        Endpoint: endpoint,
        ModelId: "test-model",
        ApiKey: ApiKey,
        MaxParallelRequests: 4,
        RequestTimeout: TimeSpan.FromSeconds(5),
        MaxRetries: 3,
        AllowInsecureHttp: false)
    {
        InitialRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(5),
    };

    public static OpenAICompatibleBackend Create(OpenAIBackendOptions options, RecordingDelay delay) =>
        new(options, new SocketsHttpHandler(), TimeProvider.System, delay.WaitAsync, NullLogger<OpenAICompatibleBackend>.Instance);

    public static OpenAICompatibleBackend Create(LoopbackOpenAIServer server, RecordingDelay delay) =>
        Create(Options(server.BaseUrl), delay);

    public static GenerationRequest Ask(string prompt) =>
        new([ChatMessage.System("You are a helpful assistant."), ChatMessage.User(prompt)],
            new SamplerSettings(Temperature: 0.7, TopP: 0.9, MaxTokens: 64, Seed: 42), Seed: 1234);
}
