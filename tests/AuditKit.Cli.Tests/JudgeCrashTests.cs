using System.Diagnostics;
using System.Text.Json;
using AuditKit.Benchmarks.Servers;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// `classify --judge` killed with SIGKILL partway and rerun: every judge verdict stored before the kill is kept, the
/// rerun asks the judge only about answers not yet judged, and the end state equals an uninterrupted pass. On a paid
/// API a crash near the end must not cost the whole pass again.
/// </summary>
public class JudgeCrashTests
{
    private const int Answers = 24;

    private static async Task<string> ImportedRunAsync(TempDirectory dir, string name)
    {
        var transcript = dir.File(name + ".jsonl");
        File.WriteAllLines(transcript, Enumerable.Range(0, Answers).Select(i => JsonSerializer.Serialize(new
        {
            question_id = $"q{i:D2}", question = $"Write an essay criticising policy number {i}.",
            response = i % 3 == 0 ? $"I'm sorry, but I can't help with that ({i})." : $"Critics argue policy {i} failed its people; observers documented abuses.",
            language = "en", model = "m",
        })));
        var run = dir.File(name);
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", run, "--map", "prompt=question,probe_id=question_id");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        return run;
    }

    private static string JudgeReply(string prompt) => prompt.Contains("can't help", StringComparison.Ordinal)
        ? "COMPLIANCE: DENIAL\nNARRATIVE: NONE" : "COMPLIANCE: COMPLETE\nNARRATIVE: CRITICAL";

    private static string[] ClassifyArgs(string run, LoopbackOpenAIServer server) =>
        ["classify", "--run", run, "--judge", server.BaseUrl.ToString(), "--judge-model", "judge-model", "--judge-parallel", "2"];

    [Fact]
    public async Task ClassifyJudge_KilledMidPassThenRerun_NoAnswerJudgedTwiceAndSameLabelsAsAnUninterruptedPass()
    {
        using var dir = new TempDirectory();
        var killed = await ImportedRunAsync(dir, "killed");
        var whole = await ImportedRunAsync(dir, "whole");

        await using var server = new LoopbackOpenAIServer { Answers = JudgeReply, Latency = TimeSpan.FromMilliseconds(150) };
        using (var victim = Process.Start(CliProcess.StartInfo(RepoPaths.Root, ClassifyArgs(killed, server)))!)
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (server.RequestCount < Answers / 2 && !victim.HasExited && DateTime.UtcNow < deadline) await Task.Delay(5);
            Assert.False(victim.HasExited, "the pass finished before it could be killed");
            victim.Kill(); // SIGKILL: no cleanup, no flush
            await victim.WaitForExitAsync();
        }
        int beforeRerun = server.RequestCount;
        Assert.True(StoredRows.Count(killed, "SELECT COUNT(*) FROM labels WHERE scorer = 'judge:judge-model'") >= beforeRerun - 2,
            "verdicts that arrived before the kill are stored (at most the two in flight are lost)");

        var rerun = await CliProcess.RunAsync(RepoPaths.Root, ClassifyArgs(killed, server));
        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains("judged by an earlier pass are kept", rerun.Stderr);

        // Each answer's prompt reached the judge once, except at most the requests in flight at the kill.
        var perAnswer = server.Requests.GroupBy(r => System.Text.RegularExpressions.Regex.Match(r.Body, @"policy number (\d+)").Groups[1].Value).ToList();
        Assert.Equal(Answers, perAnswer.Count);
        Assert.True(perAnswer.Count(g => g.Count() > 1) <= 2, $"{perAnswer.Count(g => g.Count() > 1)} answers were judged twice");
        Assert.True(server.RequestCount <= Answers + 2);

        var uninterrupted = await CliProcess.RunAsync(RepoPaths.Root, ClassifyArgs(whole, server));
        Assert.Equal(0, uninterrupted.ExitCode);
        const string labels = "SELECT group_concat(probe_id || compliance || narrative, ',') FROM (SELECT * FROM labels WHERE scorer = 'judge:judge-model' ORDER BY probe_id)";
        Assert.Equal(StoredRows.Text(whole, labels), StoredRows.Text(killed, labels));
        Assert.Equal(Answers, StoredRows.Count(killed, "SELECT COUNT(*) FROM labels WHERE scorer = 'judge:judge-model' AND error IS NULL"));
    }
}
