using System.Text.Json;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// API keys from a file or an environment variable, for `run --endpoint` and `classify --judge` alike: a key that cannot
/// travel in an HTTP header is refused before any request with one line naming the option and the file or variable,
/// and the key itself never appears in the message.
/// </summary>
public class ApiKeyTests
{
    private const string Secret = "sk-secret-7d1e";

    public static TheoryData<string, string, string> BadKeyFiles => new()
    {
        { "empty", "", "is empty" },
        { "blank lines", "\n  \n\t\n", "is empty" },
        { "two keys", $"{Secret}\n{Secret}-other\n", "has 2 non-empty lines" },
        { "non-ASCII", $"{Secret}é\n", "contains a non-ASCII character" },
        { "control character", $"{Secret}\u0001x\n", "contains a control character" },
    };

    [Theory]
    [MemberData(nameof(BadKeyFiles))]
    public async Task Run_BadApiKeyFile_OneLineNamingOptionAndFileNotTheKeyAndNoRunFolder(string _, string content, string message)
    {
        using var dir = new TempDirectory();
        var keyFile = dir.File("key.txt");
        File.WriteAllText(keyFile, content);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", "http://127.0.0.1:9/v1", "--model-id", "m",
            "--api-key-file", keyFile, "--suite", "starter", "--out", dir.File("run"));

        AssertRefused(exit, stdout, stderr, $"--api-key-file: {keyFile} {message}");
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Theory]
    [MemberData(nameof(BadKeyFiles))]
    public async Task Classify_BadJudgeApiKeyFile_OneLineNamingOptionAndFileNotTheKey(string _, string content, string message)
    {
        using var dir = new TempDirectory();
        var run = await ImportOneAnswerAsync(dir);
        var keyFile = dir.File("key.txt");
        File.WriteAllText(keyFile, content);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", run, "--judge", "http://127.0.0.1:9/v1",
            "--judge-model", "m", "--judge-api-key-file", keyFile);

        AssertRefused(exit, stdout, stderr, $"--judge-api-key-file: {keyFile} {message}");
    }

    [Theory]
    [InlineData("run", "   ", "is empty")]
    [InlineData("run", Secret + "é", "contains a non-ASCII character")]
    [InlineData("classify", Secret + "\u001b[31m", "contains a control character")]
    [InlineData("classify", "\u00a0", "is empty")]
    public async Task BadApiKeyInEnvironment_OneLineNamingTheVariableNotItsValue(string command, string value, string message)
    {
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string> { ["AUDITKIT_TEST_BAD_KEY"] = value };
        string[] args = command == "run"
            ? ["run", "--endpoint", "http://127.0.0.1:9/v1", "--model-id", "m", "--api-key-env", "AUDITKIT_TEST_BAD_KEY", "--suite", "starter", "--out", dir.File("run")]
            : ["classify", "--run", await ImportOneAnswerAsync(dir), "--judge", "http://127.0.0.1:9/v1", "--judge-model", "m", "--judge-api-key-env", "AUDITKIT_TEST_BAD_KEY"];

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, environment, args);

        var option = command == "run" ? "--api-key-env" : "--judge-api-key-env";
        AssertRefused(exit, stdout, stderr, $"{option}: environment variable 'AUDITKIT_TEST_BAD_KEY' {message}");
    }

    [Fact]
    public async Task Run_KeyFromBothAVariableAndAFile_IsRefusedRatherThanPickingOne()
    {
        using var dir = new TempDirectory();
        var keyFile = dir.File("key.txt");
        File.WriteAllText(keyFile, Secret);
        var environment = new Dictionary<string, string> { ["AUDITKIT_TEST_KEY_BOTH"] = Secret + "-other" };

        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, environment, "run", "--endpoint", "http://127.0.0.1:9/v1", "--model-id", "m",
            "--api-key-env", "AUDITKIT_TEST_KEY_BOTH", "--api-key-file", keyFile, "--out", dir.File("run"));

        AssertRefused(exit, stdout, stderr, "--api-key-env and --api-key-file: give one or the other");
    }

    private static void AssertRefused(int exit, string stdout, string stderr, string message)
    {
        Assert.True(exit == 2, stdout + stderr);
        Assert.StartsWith("auditkit: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains(message, stderr);
        Assert.DoesNotContain(Secret, stdout + stderr);
    }

    private static async Task<string> ImportOneAnswerAsync(TempDirectory dir)
    {
        var transcript = dir.File("t.jsonl");
        File.WriteAllLines(transcript, [JsonSerializer.Serialize(new { question_id = "q", question = "q?", answer = "I'm sorry, but I can't help with that request.", lang = "en", model = "m" })]);
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id,response=answer,language=lang");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        return dir.File("run");
    }
}
