using System.Diagnostics;
using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary><c>auditkit audit PLAN.yaml</c> end to end against loopback servers: runs, fail-fast, resume, report and gates.</summary>
public class AuditCommandTests
{
    private const string Essay = "Critics argue that the government acted harshly and without accountability. First, independent observers documented serious abuses. Second, the authorities silenced journalists and lawyers who tried to report them. Third, the official account has never been open to scrutiny, and families still seek answers. In conclusion, the record shows a pattern of repression that the government has not addressed.";
    private const string Refusal = "I'm sorry, but I can't help with that request.";

    private static string EndpointModel(string name, LoopbackOpenAIServer server, int parallel = 4) => $"""
          - name: {name}
            endpoint: {server.BaseUrl}
            model_id: {name}-id
            parallel: {parallel}
            retries: 4
        """;

    private static string WritePlan(TempDirectory dir, string models, string extra = "", int samples = 1) => WriteFile(dir, "plan.yaml", $"""
        name: test audit
        suites: [starter]
        languages: [en]
        samples: {samples}
        sampler:
          max_tokens: 32
        models:
        {models}
        {extra}
        """);

    private static string WriteFile(TempDirectory dir, string name, string text)
    {
        File.WriteAllText(dir.File(name), text);
        return dir.File(name);
    }

    [Fact]
    public async Task Audit_ExamplePlanAgainstLoopbackServer_RunsBothModelsReportsAndCompares()
    {
        using var dir = new TempDirectory();
        await using var server = new LoopbackOpenAIServer();
        var example = File.ReadAllText(Path.Combine(RepoPaths.Probes, "plans", "example.yaml"));
        Assert.Contains("http://127.0.0.1:8080/v1", example);
        var plan = WriteFile(dir, "example.yaml", example.Replace("http://127.0.0.1:8080/v1", server.BaseUrl.ToString()));
        var audit = dir.File("audit");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", audit);

        Assert.True(exit == 0, stdout + stderr);
        foreach (var file in new[] { "plan.yaml", "plan.sha256", "manifests/smoke.json", "manifests/served.json", "report/report.html", "compare/smoke-vs-served/compare.json" })
            Assert.True(File.Exists(Path.Combine(audit, file)), file);
        Assert.Equal(7, StoredRows.Count(Path.Combine(audit, "runs", "served")));
        Assert.Equal(7, server.RequestCount);
        var status = await CliProcess.RunAsync(RepoPaths.Root, "audit", "status", plan, "--out", audit);
        Assert.Contains("7/7  complete", status.Stdout);
    }

    [Fact]
    public async Task Audit_OneOfThreeEndpointsDead_StopsItWithItsCauseFinishesTheOthersAndExits1()
    {
        using var dir = new TempDirectory();
        await using var first = new LoopbackOpenAIServer { Answers = _ => Essay };
        await using var second = new LoopbackOpenAIServer { Answers = _ => Essay };
        await using var dead = new LoopbackOpenAIServer { Faults = _ => ServerFault.Of(FaultKind.InternalError) };
        var plan = WritePlan(dir, EndpointModel("first", first) + "\n" + EndpointModel("dead", dead) + "\n" + EndpointModel("second", second), samples: 10);
        var audit = dir.File("audit");

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", audit);

        Assert.True(exit == 1, stdout + stderr);
        Assert.Contains("[dead] stopped early: the first 8 requests all failed: HTTP 5xx (server error)", stderr);
        // 70 attempts with 5 tries each would be 350 requests; it stops at the 8th failure, with at most 4 more in flight.
        Assert.InRange(dead.RequestCount, 8, 12);
        Assert.Equal(70, first.RequestCount);
        Assert.Equal(70, second.RequestCount);
        var report = File.ReadAllText(Path.Combine(audit, "report", "report.md"));
        Assert.Contains("first-id", report);
        Assert.Contains("second-id", report);
        Assert.DoesNotContain("dead-id", report);
    }

    [Fact]
    public async Task Audit_DeclaredGateRegresses_Exits3()
    {
        using var dir = new TempDirectory();
        await using var open = new LoopbackOpenAIServer { Answers = _ => Essay };
        await using var closed = new LoopbackOpenAIServer { Answers = _ => Refusal };
        var plan = WritePlan(dir, EndpointModel("open", open) + "\n" + EndpointModel("closed", closed), """
            compare:
              - base: open
                candidate: closed
                fail_if_regress: true
            """, samples: 2);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", dir.File("audit"));

        Assert.True(exit == 3, stdout + stderr);
        Assert.Contains("candidate refuses more", stdout);
        Assert.True(File.Exists(dir.File("audit/compare/open-vs-closed/flips.csv")));
    }

    [Fact]
    public async Task Audit_KilledMidRun_ResumesToExactlyOneRowPerAttemptPerModel()
    {
        using var dir = new TempDirectory();
        await using var server = new LoopbackOpenAIServer { Latency = TimeSpan.FromMilliseconds(20) };
        var plan = WritePlan(dir, EndpointModel("a", server, parallel: 2) + "\n" + EndpointModel("b", server, parallel: 2), samples: 20);
        var audit = dir.File("audit");
        var runA = Path.Combine(audit, "runs", "a");

        using (var victim = Process.Start(CliProcess.StartInfo(RepoPaths.Root, "audit", plan, "--out", audit, "--quiet"))!)
        {
            var deadline = Stopwatch.StartNew();
            while (!victim.HasExited && StoredRows.Count(runA) < 20 && deadline.Elapsed < TimeSpan.FromMinutes(2)) await Task.Delay(5);
            Assert.False(victim.HasExited, "the audit finished before it could be killed");
            victim.Kill();
            await victim.WaitForExitAsync();
        }
        Assert.InRange(StoredRows.Count(runA), 20, 139);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", audit, "--quiet");

        Assert.True(exit == 0, stdout + stderr);
        foreach (var model in new[] { "a", "b" })
        {
            var run = Path.Combine(audit, "runs", model);
            Assert.Equal(140, StoredRows.Count(run));
            Assert.Equal(140, StoredRows.Count(run, "SELECT COUNT(DISTINCT probe_id || '|' || language || '|' || sample) FROM attempts WHERE error IS NULL"));
        }
    }

    [Fact]
    public async Task Audit_PlanWithAJudge_AsksItAboutEveryRunsAnswersWithItsKey()
    {
        using var dir = new TempDirectory();
        await using var model = new LoopbackOpenAIServer { Answers = _ => Essay };
        await using var judge = new LoopbackOpenAIServer { Answers = _ => "COMPLIANCE: COMPLETE\nNARRATIVE: CRITICAL" };
        var plan = WritePlan(dir, EndpointModel("m", model), $"""
            judge:
              endpoint: {judge.BaseUrl}
              model_id: judge-model
              api_key_env: AUDITKIT_TEST_PLAN_JUDGE_KEY
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, new Dictionary<string, string> { ["AUDITKIT_TEST_PLAN_JUDGE_KEY"] = "sk-plan-judge-1" },
            "audit", plan, "--out", dir.File("audit"));

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Judge loopback/served-model-q4 on 7 answers", stdout);
        Assert.Equal(7, judge.RequestCount);
        Assert.All(judge.Requests, r => Assert.Equal("Bearer sk-plan-judge-1", r.Authorization));
    }

    [Fact]
    public async Task AuditValidate_PlanWithSeveralProblems_ListsEachWithItsLine()
    {
        using var dir = new TempDirectory();
        var plan = WriteFile(dir, "bad.yaml", """
            suites: [starter]
            models:
              - name: a
                endpoint: http://127.0.0.1:9/v1
              - name: b
                model: smoke
                colour: blue
            compare:
              - base: a
                candidate: nobody
            """);

        var (exit, _, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", "validate", plan);

        Assert.Equal(2, exit);
        Assert.Contains($"{plan}:3: model 'a': 'endpoint' needs 'model_id'", stderr);
        Assert.Contains($"{plan}:7: unknown field 'colour' in a model", stderr);
        Assert.Contains($"{plan}:9: comparison names model 'nobody', which the plan does not declare", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task Audit_BrokenPlan_IsOneLineNamingFileAndLineAndRunsNothing()
    {
        using var dir = new TempDirectory();
        var plan = WriteFile(dir, "bad.yaml", "suites: [starter]\nmodels:\n  - name: a\n    model: smoke\n    parallel: lots\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", dir.File("audit"));

        Assert.Equal(2, exit);
        Assert.Equal($"auditkit: {plan}:5: 'parallel': lots is not a whole number in 1..64", stderr.Trim());
        Assert.False(Directory.Exists(dir.File("audit")));
    }

    [Fact]
    public async Task Audit_LocalModelWithMoreThreadsThanThisMachineTakes_IsRefusedAsRunRefusesIt()
    {
        // The plan allows up to 1024 threads anywhere; this machine takes 4 per core (257 on 2 cores hung llama.cpp).
        using var dir = new TempDirectory();
        int tooMany = 4 * Environment.ProcessorCount + 1;
        var plan = WritePlan(dir, $"""
              - name: smoke
                model: smoke
                threads: {tooMany}
            """);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "audit", plan, "--out", dir.File("audit"));

        Assert.NotEqual(0, exit);
        Assert.Contains($"threads: {tooMany} is outside 1..{tooMany - 1} on this machine", stdout + stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }
}
