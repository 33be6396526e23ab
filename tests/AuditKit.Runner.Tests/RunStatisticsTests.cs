using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Runner.Tests;

public class RunStatisticsTests
{
    private static Attempt Stored(int i, string? error = null, double ms = 100) => new()
    {
        Key = new AttemptKey("m", $"p{i}", "en", 0), Topic = "t", Kind = "explain", Prompt = "p", PromptAsSent = "p",
        RawOutput = "a", Response = "a", PromptTokens = 10, CompletionTokens = error is null ? 20 : 0, DurationMs = ms,
        FinishReason = error is null ? FinishReason.Stop : FinishReason.Error, Error = error, CompletedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Compute_FailedAttempts_AreCountedByTheCauseTheirErrorNames()
    {
        var stored = new List<Attempt>
        {
            Stored(0, ms: 100), Stored(1, ms: 200), Stored(2, ms: 300),
            Stored(3, "HTTP 500 Internal Server Error: boom (gave up after 5 attempts)"),
            Stored(4, "HTTP 502 Bad Gateway"),
            Stored(5, "connection failed or dropped: Connection refused (127.0.0.1:9)"),
        };
        var stats = RunStatistics.Compute(stored, 10, new RunOutcome(10, 0, 3, 3) { Elapsed = TimeSpan.FromSeconds(2), CompletionTokens = 60 }, warnings: 4);

        Assert.Equal(3, stats.Stored);
        Assert.Equal(3, stats.Failed);
        Assert.Equal(new Dictionary<string, int> { ["server_error"] = 2, ["connection_refused"] = 1 }, stats.FailuresByCause);
        Assert.Equal(60, stats.CompletionTokens);
        Assert.Equal(200, stats.LatencyP50Ms);
        Assert.Equal(300, stats.LatencyP95Ms);
        Assert.Equal(3, stats.AttemptsPerSecond);
        Assert.Equal(4, stats.Warnings);
    }
}
