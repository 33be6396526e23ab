using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using AuditKit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Runner.Tests;

public class CircuitBreakerTests
{
    [Fact]
    public void RecordFailure_FirstRequestsAllFail_TripsNamingTheCommonestCause()
    {
        using var breaker = new CircuitBreaker(new CircuitBreakerSettings(3, 1, 0), countsHttpRequests: true);
        breaker.RecordFailure(FailureCause.Unauthorized, "HTTP 401 Unauthorized from http://127.0.0.1:1/v1/chat/completions");
        breaker.RecordFailure(FailureCause.Unauthorized, "HTTP 401 Unauthorized from http://127.0.0.1:1/v1/chat/completions");
        Assert.False(breaker.Tripped.IsCancellationRequested);
        breaker.RecordFailure(FailureCause.Timeout, "no response");

        Assert.True(breaker.Tripped.IsCancellationRequested);
        Assert.StartsWith("the first 3 requests all failed: HTTP 401/403 (API key missing or refused): HTTP 401 Unauthorized", breaker.Reason);
    }

    [Fact]
    public void RecordFailure_AfterASuccess_OnlyTheFailureShareCanTrip()
    {
        using var breaker = new CircuitBreaker(new CircuitBreakerSettings(3, 0.8, 10), countsHttpRequests: true);
        breaker.RecordSuccess();
        for (int i = 0; i < 8; i++) breaker.RecordFailure(FailureCause.ServerError, "HTTP 500");
        Assert.Null(breaker.Reason); // 8 of 9: the window is not full yet
        breaker.RecordFailure(FailureCause.ServerError, "HTTP 500");
        Assert.Equal("9 of the last 10 requests failed, mostly HTTP 5xx (server error): HTTP 500", breaker.Reason);
    }

    [Fact]
    public void RecordFailure_ShareBelowTheThreshold_NeverTrips()
    {
        using var breaker = new CircuitBreaker(new CircuitBreakerSettings(3, 0.5, 10), countsHttpRequests: true);
        for (int i = 0; i < 1000; i++)
        {
            if (i % 3 == 0) breaker.RecordFailure(FailureCause.RateLimited, "HTTP 429");
            else breaker.RecordSuccess();
        }
        Assert.Null(breaker.Reason);
    }

    [Fact]
    public async Task RunAsync_EveryGenerationFails_StopsAfterTheFirstFailuresAndKeepsThemStored()
    {
        using var dir = new TempDirectory();
        var backend = new ScriptedBackend(fails: _ => true);
        var suite = new Suite("s", "1.0.0", "", [], [.. Enumerable.Range(0, 50).Select(i =>
            new Probe($"p{i}", "taiwan", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = $"Question {i}" }, [], []))], "hash", "s.yaml");
        using var store = RunStore.Open(dir.Path, create: true);
        using var breaker = new CircuitBreaker(new CircuitBreakerSettings(4, 1, 0), countsHttpRequests: false);

        var outcome = await new AuditRunner(backend, store, TimeProvider.System, NullLogger<AuditRunner>.Instance)
            .RunAsync(AuditPlan.Build(backend.Model.Name, [suite], ["en"], 1), SamplerSettings.Default, 1, breaker, new Progress<RunProgress>(), CancellationToken.None);

        Assert.Equal("the first 4 requests all failed: other error: scripted failure", outcome.StoppedBy);
        Assert.InRange(backend.Prompts.Count, 4, 5);
        Assert.Equal(outcome.Failed, store.ReadAttempts().Count);
    }
}
