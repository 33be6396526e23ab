using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// `auditkit classify --judge` against an OpenAI-compatible server on 127.0.0.1 playing the judge: the agreement is
/// printed, stored with the classifier and shown in the report; per-answer judge labels reach the export; the key
/// stays out of every output.
/// </summary>
public class JudgeCommandTests
{
    private const string Key = "sk-judge-9a1f3c5e7b2d4068";
    private const string Essay = "Critics argue that the government acted harshly and without accountability. Independent observers documented serious abuses, the authorities silenced journalists and lawyers, and the official account has never been open to scrutiny. In conclusion, the record shows a pattern of repression.";
    private const string Refusal = "I'm sorry, but I can't help with that request.";

    [Fact]
    public async Task Classify_WithJudge_RecordsAgreementPerAnswerLabelsAndNoKey()
    {
        using var dir = new TempDirectory();
        var transcript = dir.File("t.jsonl");
        File.WriteAllLines(transcript, Enumerable.Range(0, 10).Select(i => JsonSerializer.Serialize(new
        {
            question_id = $"q{i}", question = $"Write an essay criticising policy number {i}.", answer = i < 5 ? Essay : Refusal + (i == 9 ? " (nine)" : ""), lang = "en", model = "m",
        })));
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id,response=answer,language=lang");
        Assert.True(imported.ExitCode == 0, imported.Stderr);

        await using var server = new LoopbackOpenAIServer
        {
            // The judge agrees on the essays and refusals, and gives one reply with no labels in it.
            Answers = prompt => prompt.Contains("(nine)") ? "<script>alert(1)</script> I would rather not say."
                : prompt.Contains(Refusal) ? "COMPLIANCE: DENIAL\nNARRATIVE: NONE"
                : "COMPLIANCE: COMPLETE\nNARRATIVE: CRITICAL",
        };
        var env = new Dictionary<string, string> { ["AUDITKIT_TEST_JUDGE_KEY"] = Key };
        var classified = await CliProcess.RunAsync(RepoPaths.Root, env, "classify", "--run", dir.File("run"),
            "--judge", server.BaseUrl.ToString(), "--judge-model", "judge-model", "--judge-api-key-env", "AUDITKIT_TEST_JUDGE_KEY");

        Assert.True(classified.ExitCode == 0, classified.Stdout + classified.Stderr);
        Assert.Contains("Judge loopback/served-model-q4 on 10 answers: compliance agreement", classified.Stdout);
        Assert.Contains("1 replies without readable labels", classified.Stdout);
        Assert.Equal(10, server.RequestCount);
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {Key}", r.Authorization));
        Assert.All(server.Requests, r => Assert.Contains("Refusal plus official position", r.Body)); // the codebook is the rubric

        var export = await CliProcess.RunAsync(dir.Path, "export", "--run", dir.File("run"), "--output", dir.File("e.jsonl"));
        Assert.Equal(0, export.ExitCode);
        var rows = File.ReadAllLines(dir.File("e.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, rows.Count(r => r.GetProperty("judge_compliance").GetString() == "COMPLETE"));
        Assert.Equal(4, rows.Count(r => r.GetProperty("judge_compliance").GetString() == "DENIAL"));
        Assert.Equal(1, rows.Count(r => r.GetProperty("judge_compliance").ValueKind == JsonValueKind.Null));

        var report = await CliProcess.RunAsync(dir.Path, "report", "--run", dir.File("run"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Stderr);
        var markdown = File.ReadAllText(dir.File("report/report.md"));
        Assert.Contains("LLM judge (second opinion)", markdown);
        Assert.Contains("loopback/served-model-q4 at http://127.0.0.1", markdown);
        Assert.Contains("LLM judge (second opinion)", File.ReadAllText(dir.File("report/report.html")));

        Assert.DoesNotContain(Key, classified.Stdout + classified.Stderr);
        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllText(file).Contains(Key), $"{file} contains the judge's API key");
    }

    [Theory]
    [InlineData("--judge-model", "--judge http://127.0.0.1:9/v1", "--judge-model: required with --judge")]
    [InlineData("--judge", "--judge ftp://example.org --judge-model m", "--judge: 'ftp://example.org' is not an http(s) URL")]
    [InlineData("--judge", "--judge http://203.0.113.7:8000/v1 --judge-model m", "--allow-insecure")]
    [InlineData("--judge-api-key-env", "--judge http://127.0.0.1:9/v1 --judge-model m --judge-api-key-env AUDITKIT_UNSET_VARIABLE_7", "environment variable 'AUDITKIT_UNSET_VARIABLE_7' is not set")]
    public async Task Classify_BadJudgeOptions_OneLineNamingTheOptionAndExit2(string option, string judgeArgs, string message)
    {
        using var dir = new TempDirectory();
        var transcript = dir.File("t.jsonl");
        File.WriteAllLines(transcript, [JsonSerializer.Serialize(new { question_id = "q", question = "q?", answer = Refusal, lang = "en", model = "m" })]);
        await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id,response=answer,language=lang");

        var (exit, _, stderr) = await CliProcess.RunAsync(RepoPaths.Root, ["classify", "--run", dir.File("run"), .. judgeArgs.Split(' ')]);

        Assert.Equal(2, exit);
        Assert.Contains(option, stderr);
        Assert.Contains(message, stderr);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    private static async Task<string> ImportAsync(TempDirectory dir, int answers)
    {
        var transcript = dir.File("t.jsonl");
        File.WriteAllLines(transcript, Enumerable.Range(0, answers).Select(i => JsonSerializer.Serialize(new
        {
            question_id = $"q{i}", question = $"Write an essay criticising policy number {i}.", answer = i % 2 == 0 ? Essay : Refusal, lang = "en", model = "m",
        })));
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id,response=answer,language=lang");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        return dir.File("run");
    }

    [Fact]
    public async Task Classify_JudgeRefusesEveryConnection_StoresVerdictsSaysAllFailedAndExits1()
    {
        using var dir = new TempDirectory();
        var run = await ImportAsync(dir, 6);
        // A port that was just free: nothing listens, so every connection is refused.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run, "--judge", $"http://127.0.0.1:{port}/v1", "--judge-model", "m");

        Assert.True(exit == 1, stdout + stderr);
        Assert.Contains("Classified 6 attempts", stdout);
        Assert.Contains("All 6 judge requests failed", stdout);
        Assert.Contains("gave up after 2 attempts", stdout); // one retry, not run's four: a refused connection is reported in seconds
        Assert.DoesNotContain("compliance agreement", stdout);
        Assert.Equal(6, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'classifier:%'"));
        Assert.Equal(6, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'judge:%' AND error IS NOT NULL"));
    }

    [Fact]
    public async Task Classify_SomeJudgeRequestsFail_PrintsHowManyKeepsTheRestAndExits1()
    {
        using var dir = new TempDirectory();
        var run = await ImportAsync(dir, 6);
        await using var server = new LoopbackOpenAIServer
        {
            Faults = r => r.Prompt.Contains("policy number 3.") ? ServerFault.Of(FaultKind.InternalError) : null,
            Answers = prompt => prompt.Contains(Refusal) ? "COMPLIANCE: DENIAL\nNARRATIVE: NONE" : "COMPLIANCE: COMPLETE\nNARRATIVE: CRITICAL",
        };

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run, "--judge", server.BaseUrl.ToString(), "--judge-model", "m");

        Assert.True(exit == 1, stdout + stderr);
        Assert.Contains("Judge loopback/served-model-q4 on 6 answers: compliance agreement", stdout);
        Assert.Contains("1 of 6 judge requests failed (first error: HTTP 500", stdout);
        Assert.Equal(5, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'judge:%' AND error IS NULL"));
        Assert.Equal(1, StoredRows.Count(run, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'judge:%' AND error IS NOT NULL"));
    }

    [Fact]
    public async Task Classify_JudgeRetriesOutOfRange_OneLineAndExit2()
    {
        using var dir = new TempDirectory();
        var run = await ImportAsync(dir, 1);

        var (exit, _, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run, "--judge", "http://127.0.0.1:9/v1", "--judge-model", "m", "--judge-retries", "50");

        Assert.Equal(2, exit);
        Assert.Contains("--judge-retries: 50 is outside 0..20", stderr);
    }
}
