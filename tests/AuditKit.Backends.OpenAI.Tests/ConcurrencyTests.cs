using AuditKit.Benchmarks.Servers;
using AuditKit.Core.Backends;

namespace AuditKit.Backends.OpenAI.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task GenerateAsync_64ConcurrentCallsWithFaults_EachCompletesOnceWithinTheParallelLimit()
    {
        FaultKind[] kinds = [FaultKind.RateLimited, FaultKind.InternalError, FaultKind.Unavailable, FaultKind.DropConnection, FaultKind.MalformedJson];
        await using var server = new LoopbackOpenAIServer
        {
            Latency = TimeSpan.FromMilliseconds(5),
            // Every third prompt fails on its first try, cycling through the fault kinds.
            Faults = r => r.AttemptForPrompt == 1 && int.Parse(r.Prompt[7..]) % 3 == 0
                ? new ServerFault(kinds[int.Parse(r.Prompt[7..]) / 3 % kinds.Length], RetryAfter: "0")
                : null,
        };
        var options = TestBackends.Options(server.BaseUrl) with { MaxParallelRequests = 5 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var prompts = Enumerable.Range(0, 64).Select(i => $"prompt {i}").ToArray();
        var generations = await Task.WhenAll(prompts.Select(p => backend.GenerateAsync(TestBackends.Ask(p), CancellationToken.None)));

        Assert.All(generations, g => Assert.Null(g.Error));
        Assert.Equal(prompts.Select(LoopbackOpenAIServer.AnswerFor), generations.Select(g => g.Text));
        var faulted = prompts.Count(p => int.Parse(p[7..]) % 3 == 0);
        Assert.Equal(64 + faulted, server.RequestCount);
        Assert.All(server.Requests.GroupBy(r => r.Prompt), g => Assert.Equal(int.Parse(g.Key[7..]) % 3 == 0 ? 2 : 1, g.Count()));
        Assert.InRange(server.MaxConcurrentRequests, 2, 5);
    }

    [Fact]
    public async Task GenerateAsync_OneRequestAtATime_ServerNeverSeesTwo()
    {
        await using var server = new LoopbackOpenAIServer { Latency = TimeSpan.FromMilliseconds(2) };
        var options = TestBackends.Options(server.BaseUrl) with { MaxParallelRequests = 1 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => backend.GenerateAsync(TestBackends.Ask($"q{i}"), CancellationToken.None)));

        Assert.Equal(16, server.RequestCount);
        Assert.Equal(1, server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task GenerateAsync_16ConcurrentCalls_AreAllInFlightAtOnceInsteadOfQueueing()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new LoopbackOpenAIServer { HoldAnswersUntil = release.Task };
        var options = TestBackends.Options(server.BaseUrl) with { MaxParallelRequests = 16 };
        await using var backend = TestBackends.Create(options, new RecordingDelay());

        var calls = Enumerable.Range(0, 16).Select(i => backend.GenerateAsync(TestBackends.Ask($"q{i}"), CancellationToken.None)).ToArray();
        // The server answers nothing until released; the wait stays under the 5 s request timeout, so no retry counts.
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (server.RequestCount < 16 && deadline.Elapsed < TimeSpan.FromSeconds(4)) await Task.Delay(10);
        var inFlightBeforeAnyAnswer = server.RequestCount;
        release.SetResult();
        var generations = await Task.WhenAll(calls);

        Assert.Equal(16, inFlightBeforeAnyAnswer);
        Assert.Equal(16, server.MaxConcurrentRequests);
        Assert.All(generations, g => Assert.Null(g.Error));
    }
}
