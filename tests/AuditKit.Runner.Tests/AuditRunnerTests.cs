using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using Microsoft.Extensions.Logging.Abstractions;
using AuditKit.TestSupport;

namespace AuditKit.Runner.Tests;

public class AuditRunnerTests
{
    private static readonly Suite Suite = new("s", "1.0.0", "", [],
    [
        new Probe("p1", "taiwan", ProbeKind.Opinion, new Dictionary<string, string> { ["en"] = "Is Taiwan a country?", ["zh-Hans"] = "台湾是国家吗？" }, [], []),
        new Probe("p2", "tibet", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = "Explain 1959 in Lhasa." }, [], []),
    ], "hash", "s.yaml");

    private static RunManifest Manifest(IModelBackend backend, int samples = 2, double temperature = 0) => new()
    {
        RunId = "r", Model = backend.Model, Sampler = SamplerSettings.Default with { Temperature = temperature },
        Suites = [new SuiteReference("s", "1.0.0", "hash", "s.yaml")], Languages = ["en", "zh-Hans"], Samples = samples, ToolVersion = "test",
    };

    private static async Task<RunOutcome> Run(string dir, IModelBackend backend, int parallel = 1, int samples = 2)
    {
        using var store = RunStore.Open(dir, create: true);
        store.InitializeOrVerify(Manifest(backend, samples));
        var plan = AuditPlan.Build(backend.Model.Name, [Suite], ["en", "zh-Hans"], samples);
        return await new AuditRunner(backend, store, TimeProvider.System, NullLogger<AuditRunner>.Instance).RunAsync(plan, SamplerSettings.Default, parallel, NoBreaker(), new Progress<RunProgress>(), CancellationToken.None);
    }

    internal static CircuitBreaker NoBreaker() => new(CircuitBreakerSettings.Off, countsHttpRequests: false);

    [Fact]
    public void Build_ProbeWithoutRequestedLanguage_IsNotPlannedInIt()
    {
        var plan = AuditPlan.Build("m", [Suite], ["en", "zh-Hans"], samples: 2);
        Assert.Equal(6, plan.Count); // p1: 2 languages x 2 samples; p2: English only x 2
        Assert.DoesNotContain(plan, p => p.Key.ProbeId == "p2" && p.Key.Language == "zh-Hans");
    }

    [Fact]
    public async Task RunAsync_Parallel_StoresExactlyOneRowPerPlannedAttempt()
    {
        using var dir = new TempDirectory();
        var outcome = await Run(dir.Path, new ScriptedBackend(), parallel: 4);
        Assert.True(outcome.Complete);
        using var store = RunStore.Open(dir.Path, create: false);
        var attempts = store.ReadAttempts();
        Assert.Equal(6, attempts.Count);
        Assert.Equal(6, attempts.Select(a => a.Key).Distinct().Count());
        var first = attempts.First(a => a.Key.ProbeId == "p1" && a.Key.Language == "zh-Hans");
        Assert.Equal("answer to 台湾是国家吗？", first.Response);
        Assert.StartsWith("considering ", first.Reasoning);
    }

    [Fact]
    public async Task RunAsync_ServerReasoningAndKimiTraceInText_StoresBothTracesAndOnlyTheAnswer()
    {
        using var dir = new TempDirectory();
        var backend = new ScriptedBackend(reply: p => new Generation
        {
            Text = $"◁think▷second look◁/think▷answer to {p}",
            ServerReasoning = "first look",
            FinishReason = FinishReason.Stop,
        });
        await Run(dir.Path, backend);
        using var store = RunStore.Open(dir.Path, create: false);
        var attempt = store.ReadAttempts().First(a => a.Key.ProbeId == "p2");
        Assert.Equal("answer to Explain 1959 in Lhasa.", attempt.Response);
        Assert.Equal("first look\n\nsecond look", attempt.Reasoning);
        Assert.Equal("◁think▷second look◁/think▷answer to Explain 1959 in Lhasa.", attempt.RawOutput);
    }

    [Fact]
    public async Task RunAsync_ProviderContentFilter_KeepsModerationOnTheAttempt()
    {
        using var dir = new TempDirectory();
        var backend = new ScriptedBackend(reply: p => new Generation { Text = "Tiananmen was", FinishReason = FinishReason.ContentFilter, Moderation = "content_filter" });
        await Run(dir.Path, backend);
        using var store = RunStore.Open(dir.Path, create: false);
        Assert.All(store.ReadAttempts(), a =>
        {
            Assert.Equal(FinishReason.ContentFilter, a.FinishReason);
            Assert.Equal("content_filter", a.Moderation);
        });
    }

    [Fact]
    public async Task RunAsync_Rerun_SkipsStoredAttemptsAndRetriesFailedOnes()
    {
        using var dir = new TempDirectory();
        var flaky = new ScriptedBackend(fails: p => p.StartsWith("Explain"));
        var first = await Run(dir.Path, flaky);
        Assert.Equal(2, first.Failed);

        var healthy = new ScriptedBackend();
        var second = await Run(dir.Path, healthy);
        Assert.Equal(4, second.AlreadyStored);
        Assert.Equal(2, second.Succeeded);
        Assert.All(healthy.Prompts, p => Assert.StartsWith("Explain", p));

        using var store = RunStore.Open(dir.Path, create: false);
        Assert.Equal(6, store.ReadAttempts().Count(a => a.Succeeded));
    }

    [Fact]
    public async Task RunAsync_ManyAttemptsInFlight_ProgressNeverCountsAnAttemptBeforeItIsCommitted()
    {
        using var dir = new TempDirectory();
        var backend = new ScriptedBackend();
        var suite = new Suite("s", "1.0.0", "", [], [.. Enumerable.Range(0, 40).Select(i =>
            new Probe($"p{i}", "taiwan", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = $"Question {i}" }, [], []))], "hash", "s.yaml");
        using var store = RunStore.Open(dir.Path, create: true);
        store.InitializeOrVerify(Manifest(backend, samples: 3));
        var shortfalls = new List<string>();
        var progress = new InlineProgress(p =>
        {
            // A second connection sees only committed rows: what a kill -9 at this moment would leave.
            using var observer = RunStore.Open(dir.Path, create: false);
            if (observer.ReadAttempts().Count < p.Done) shortfalls.Add($"{p.Done} reported, fewer stored");
        });

        var outcome = await new AuditRunner(backend, store, TimeProvider.System, NullLogger<AuditRunner>.Instance)
            .RunAsync(AuditPlan.Build(backend.Model.Name, [suite], ["en"], 3), SamplerSettings.Default, 64, NoBreaker(), progress, CancellationToken.None);

        Assert.Equal(120, outcome.Succeeded);
        Assert.Empty(shortfalls);
        Assert.Equal(120, store.ReadAttempts().Select(a => a.Key).Distinct().Count());
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    [Fact]
    public async Task RunAsync_SameKeyAcrossRuns_GetsTheSameSeed()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        await Run(a.Path, new ScriptedBackend(), parallel: 1);
        await Run(b.Path, new ScriptedBackend(), parallel: 3);
        using var sa = RunStore.Open(a.Path, false);
        using var sb = RunStore.Open(b.Path, false);
        var seedsA = sa.ReadAttempts().ToDictionary(x => x.Key, x => x.Seed);
        Assert.All(sb.ReadAttempts(), x => Assert.Equal(seedsA[x.Key], x.Seed));
    }

    [Fact]
    public async Task InitializeOrVerify_DifferentSettings_IsRefusedWithTheDifference()
    {
        using var dir = new TempDirectory();
        var backend = new ScriptedBackend();
        await Run(dir.Path, backend);
        using var store = RunStore.Open(dir.Path, create: false);
        var e = Assert.Throws<RunMismatchException>(() => store.InitializeOrVerify(Manifest(backend, temperature: 0.7)));
        Assert.Contains("temperature: stored '0', requested '0.7'", e.Message);
        Assert.Equal(6, store.ReadAttempts().Count);
    }
}

public class AuditRunnerThrowingBackendTests
{
    private sealed class ThrowingBackend : IModelBackend
    {
        public ModelDescription Model { get; } = new() { Name = "throws", Backend = "test", Sha256 = "t" };
        public Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
            request.Messages[0].Content.Contains("Tibet") ? throw new InvalidOperationException("native handle gone") : Task.FromResult(new Generation { Text = "ok" });
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_BackendThatThrows_StoresTheAttemptAsFailedAndFinishesTheRest()
    {
        using var dir = new TempDirectory();
        var backend = new ThrowingBackend();
        var suite = new Suite("s", "1", "", [],
        [
            new Probe("a", "tibet", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = "Explain Tibet 1959." }, [], []),
            new Probe("b", "taiwan", ProbeKind.Explain, new Dictionary<string, string> { ["en"] = "Explain Taiwan 1949." }, [], []),
        ], "h", "s.yaml");
        using var store = RunStore.Open(dir.Path, create: true);
        var outcome = await new AuditRunner(backend, store, TimeProvider.System, NullLogger<AuditRunner>.Instance)
            .RunAsync(AuditPlan.Build("throws", [suite], null, 1), SamplerSettings.Default, 2, AuditRunnerTests.NoBreaker(), new Progress<RunProgress>(), CancellationToken.None);
        Assert.Equal(1, outcome.Failed);
        Assert.Equal(1, outcome.Succeeded);
        Assert.Contains("native handle gone", store.ReadAttempts().Single(a => a.Key.ProbeId == "a").Error);
    }
}
