using System.Security.Cryptography;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>One smoke run, shared by the tests below; each of them must leave it exactly as it was.</summary>
public sealed class StoredRunFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public StoredRunFixture()
    {
        Run = _dir.File("run");
        var result = CliProcess.RunAsync(_dir.Path, "run", "--max-tokens", "4", "--out", Run, "--quiet").GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new InvalidOperationException(result.Stderr);
    }

    public string Run { get; }

    public string StoreHash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(Run, "run.sqlite"))));

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Bad input found by a review of every command: each case ends in one line starting "auditkit: ", exit code 2, and
/// the stored run unchanged.
/// </summary>
public class BadInputTests(StoredRunFixture fixture) : IClassFixture<StoredRunFixture>
{
    private async Task<string> FailsWithOneLine(string workingDirectory, params string[] args)
    {
        string before = fixture.StoreHash();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(workingDirectory, args);
        Assert.True(exit == 2, $"exit {exit}: {stdout}{stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("auditkit: ", line);
        Assert.Equal(before, fixture.StoreHash());
        return line;
    }

    [Fact]
    public async Task Export_OutputOntoTheRunsOwnStore_IsRefusedAndTheStoreKept()
    {
        var line = await FailsWithOneLine(fixture.Run, "export", "--run", fixture.Run, "--output", Path.Combine(fixture.Run, "run.sqlite"));
        Assert.Contains("would destroy it", line);
    }

    [Fact]
    public async Task Report_CutoffThatIsNotAMonth_NamesTheOptionAndExits2()
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--out", dir.File("rep"), "--cutoff", "2024-13");
        Assert.Equal("auditkit: --cutoff: '2024-13' is not a month YYYY-MM", line);
        Assert.False(Directory.Exists(dir.File("rep")));
    }

    [Fact]
    public async Task Report_OutIsAnExistingFile_NamesTheOption()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("taken.txt"), "x");
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--out", dir.File("taken.txt"));
        Assert.Contains("--out: ", line);
        Assert.Contains("is a file, not a folder", line);
    }

    [Fact]
    public async Task Report_SameRunTwice_IsRefusedInsteadOfCountedTwice()
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--run", fixture.Run + "/", "--out", dir.File("rep"));
        Assert.Contains("is given 2 times", line);
    }

    [Theory]
    [InlineData("en", "is not FIRST:SECOND")]
    [InlineData("en:en", "is not FIRST:SECOND")]
    [InlineData("en:xx", "no run has answers in 'xx'")]
    public async Task Report_BadLanguagePairs_OneLineNamingTheOption(string pairs, string expected)
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--language-pairs", pairs, "--out", dir.File("rep"));
        Assert.StartsWith("auditkit: --language-pairs: ", line);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData("smoke=2025", "is not MODEL=YYYY-MM")]
    [InlineData("=2025-01", "is not MODEL=YYYY-MM")]
    [InlineData("nosuch=2025-01,other=2025-02", "no run has model 'nosuch'")]
    public async Task Report_BadVersions_OneLineNamingTheOption(string versions, string expected)
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--versions", versions, "--out", dir.File("rep"));
        Assert.StartsWith("auditkit: --versions: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task Report_SameModelAnsweringTheSameProbesInTwoRuns_IsRefusedNamingBothRuns()
    {
        using var dir = new TempDirectory();
        (string, string, AuditKit.Core.Verdicts.ComplianceLabel)[] answers = [("p1", "en", AuditKit.Core.Verdicts.ComplianceLabel.Complete)];
        CompareStrataTests.StoreRun(dir.File("a"), "m", answers, runId: "run-a");
        CompareStrataTests.StoreRun(dir.File("b"), "m", answers, runId: "run-b");
        var line = await FailsWithOneLine(dir.Path, "report", "--run", dir.File("a"), "--run", dir.File("b"), "--out", dir.File("rep"));
        Assert.StartsWith("auditkit: --run: model 'm' answers the same probes in run run-a (", line);
        Assert.Contains("and run run-b (", line);
    }

    [Theory]
    [InlineData("export", "--run")]                      // required option missing a value
    [InlineData("export", "--frobnicate")]               // unknown option
    [InlineData("run", "--samples", "abc")]              // not a number
    [InlineData("no-such-command")]                      // unknown command
    public async Task ParserErrors_AreOneLine(params string[] args)
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, args);
        Assert.EndsWith("(see auditkit --help)", line);
    }

    [Theory]
    [InlineData("--fail-fast-rate", "0", "--fail-fast-rate: 0 is outside 0.01..1")]
    [InlineData("--fail-fast-first", "-1", "--fail-fast-first: -1 is outside 0..1000000")]
    [InlineData("--parallel", "1025", "--parallel: 1025 is outside 1..1024")]
    public async Task Run_FailFastOrParallelOutOfRange_NamesTheOption(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "run", "--endpoint", "http://127.0.0.1:9/v1", "--model-id", "m", option, value, "--out", dir.File("r"));
        Assert.Equal($"auditkit: {expected}", line);
        Assert.False(Directory.Exists(dir.File("r")));
    }

    [Fact]
    public async Task Run_SuiteWithADuplicateProbeId_IsRefusedBeforeAnythingIsAsked()
    {
        using var dir = new TempDirectory();
        var suite = dir.File("dup.yaml");
        File.WriteAllText(suite, """
            id: dup
            version: "1"
            description: two probes with one id
            probes:
              - id: same
                topic: t
                kind: fact
                text: { en: "What happened in 1989?" }
              - id: same
                topic: t
                kind: fact
                text: { en: "What happened in 1990?" }
            """);
        var line = await FailsWithOneLine(dir.Path, "run", "--suite", suite, "--out", dir.File("r"), "--max-tokens", "4");
        Assert.Contains("same", line);
        Assert.Contains("auditkit suites validate", line);
        Assert.False(File.Exists(dir.File("r/run.sqlite")));
    }

    [Fact]
    public async Task Run_LanguageGivenTwice_IsAskedOnce()
    {
        using var dir = new TempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--languages", "en,en", "--max-tokens", "4", "--out", dir.File("r"), "--quiet");
        Assert.True(exit == 0, stderr);
        var stored = StoredRows.Count(dir.File("r"));
        Assert.Contains($"Stored {stored}/{stored} attempts", stdout);
    }

    [Fact]
    public async Task RunsCheck_ManifestFileMissing_IsAProblemOnOneLine()
    {
        using var dir = new TempDirectory();
        var copy = dir.File("copy");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(fixture.Run, "run.sqlite"), Path.Combine(copy, "run.sqlite"));
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "runs", "check", copy);
        Assert.Equal(2, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("auditkit: ", line);
        Assert.Contains("manifest.json is missing", line);
    }

    [Fact]
    public async Task Import_EmptyFile_IsRefusedAndNoRunCreated()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("empty.jsonl"), "\n\n");
        var line = await FailsWithOneLine(dir.Path, "import", "--data", dir.File("empty.jsonl"), "--out", dir.File("r"));
        Assert.Contains("empty.jsonl: no records to import", line);
        Assert.False(File.Exists(dir.File("r/run.sqlite")));
    }

    [Fact]
    public async Task Import_AnswerWithALoneSurrogateEscape_IsStoredWithAReplacementCharacter()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("t.jsonl"), """{"prompt":"q","response":"broken \ud800 text"}""" + "\n");
        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "import", "--data", dir.File("t.jsonl"), "--out", dir.File("r"));
        Assert.True(exit == 0, stderr);
        Assert.Equal(1, StoredRows.Count(dir.File("r"), "SELECT COUNT(*) FROM attempts WHERE response = 'broken \uFFFD text'"));
    }

    [Fact]
    public async Task SuitesList_ProbesFolderMissing_SaysSoInsteadOfListingNothing()
    {
        using var dir = new TempDirectory();
        var info = CliProcess.StartInfo(dir.Path, "suites", "list");
        info.Environment["AUDITKIT_PROBES"] = dir.File("nowhere");
        using var process = System.Diagnostics.Process.Start(info)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("no such probes folder", stderr);
    }

    [Fact]
    public async Task Compare_NothingPaired_IsAnErrorNotAPass()
    {
        // The shared run is not classified, so no attempt is judged: a CI gate must not pass on zero pairs.
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "compare", "--base", fixture.Run, "--candidate", fixture.Run, "--out", dir.File("cmp"), "--fail-if-regress");
        Assert.Contains("share no judged probe", line);
    }

    [Fact]
    public async Task Export_OutputIsASymbolicOrHardLinkToTheStore_IsRefusedAndTheStoreKept()
    {
        using var dir = new TempDirectory();
        var store = Path.Combine(fixture.Run, "run.sqlite");
        File.CreateSymbolicLink(dir.File("soft.jsonl"), store);
        var soft = await FailsWithOneLine(dir.Path, "export", "--run", fixture.Run, "--output", dir.File("soft.jsonl"));
        Assert.Contains("would destroy it", soft);

        // A hard link has no name to tell it by; its SQLite header does. (`ln` makes one without a P/Invoke here.)
        using (var ln = System.Diagnostics.Process.Start("ln", [store, dir.File("hard.jsonl")])) ln.WaitForExit();
        var hard = await FailsWithOneLine(dir.Path, "export", "--run", fixture.Run, "--output", dir.File("hard.jsonl"));
        Assert.Contains("is a SQLite database", hard);
    }

    [Fact]
    public async Task Report_OutFolderHoldingALink_IsRefusedAndTheLinkTargetKept()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("rep"));
        File.CreateSymbolicLink(dir.File("rep/attempts.csv"), Path.Combine(fixture.Run, "run.sqlite"));
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--out", dir.File("rep"));
        Assert.Contains("is a symbolic link", line);
    }

    [Fact]
    public async Task Report_SameRunThroughALink_IsRefusedInsteadOfCountedTwice()
    {
        using var dir = new TempDirectory();
        Directory.CreateSymbolicLink(dir.File("alias"), fixture.Run);
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--run", dir.File("alias"), "--out", dir.File("rep"));
        Assert.Contains("hold the same run", line);
    }

    [Fact]
    public async Task Run_StoreFileIsASymbolicLink_IsRefusedAndNothingWrittenThroughIt()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("r"));
        File.CreateSymbolicLink(dir.File("r/run.sqlite"), Path.Combine(fixture.Run, "run.sqlite"));
        var line = await FailsWithOneLine(dir.Path, "run", "--out", dir.File("r"), "--max-tokens", "4");
        Assert.Contains("is a symbolic link", line);
    }

    [Fact]
    public async Task Classify_StoreWithNoAttemptsButVerdicts_KeepsTheVerdicts()
    {
        using var dir = new TempDirectory();
        var copy = dir.File("copy");
        Directory.CreateDirectory(copy);
        foreach (var file in new[] { "run.sqlite", "manifest.json" }) File.Copy(Path.Combine(fixture.Run, file), Path.Combine(copy, file));
        var classified = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", copy);
        Assert.True(classified.ExitCode == 0, classified.Stderr);
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(copy, "run.sqlite")};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM attempts";
            cmd.ExecuteNonQuery();
        }
        long verdicts = StoredRows.Count(copy, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'classifier:%'");

        var (exit, _, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classify", "--run", copy);

        Assert.Equal(2, exit);
        Assert.Contains("holds no attempts to classify", stderr);
        Assert.Equal(verdicts, StoredRows.Count(copy, "SELECT COUNT(*) FROM labels WHERE scorer LIKE 'classifier:%'"));
        Assert.True(verdicts > 0);
    }

    [Fact]
    public async Task SuitesValidate_DeviceThatNeverEnds_IsRefusedAtTheSizeLimit()
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "suites", "validate", "/dev/zero");
        Assert.Contains("larger than the 16777216-byte limit", line);
    }

    [Theory]
    [InlineData("ftp://user:sk-SECRET@host.example/v1")]
    [InlineData("http://user:sk-SECRET@@host.example/v1")]
    [InlineData("http://host.example/v1?api_key=sk-SECRET")]
    public async Task Run_EndpointUrlCarryingAKey_ErrorNeverShowsTheKey(string endpoint)
    {
        using var dir = new TempDirectory();
        var (exit, stdout, stderr) = await CliProcess.RunAsync(dir.Path, "run", "--endpoint", endpoint, "--model-id", "m", "--out", dir.File("r"), "--quiet");
        Assert.Equal(2, exit);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("sk-SECRET", stdout + stderr);
    }

    [Fact]
    public async Task Run_ModelIdWithABidiOverride_IsRefused()
    {
        using var dir = new TempDirectory();
        var line = await FailsWithOneLine(dir.Path, "run", "--endpoint", "http://127.0.0.1:9/v1", "--model-id", "\u202eevil", "--out", dir.File("r"), "--quiet");
        Assert.Contains("--model-id: contains a control or bidirectional character (U+202E)", line);
    }

    [Fact]
    public async Task Import_LanguageCodeWithABidiOverride_IsRefusedNamingFileAndLine()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, "{\"prompt\":\"q\",\"response\":\"a\",\"language\":\"en\"}\n{\"prompt\":\"q\",\"response\":\"a\",\"language\":\"\\u202eevil\"}\n");
        var line = await FailsWithOneLine(dir.Path, "import", "--data", data, "--out", dir.File("r"));
        Assert.Contains("t.jsonl:2: field 'language' contains a control or bidirectional character (U+202E)", line);
        Assert.DoesNotContain("\u202e", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunsCheck_ImportKilledAfterItsManifest_FailsSayingNothingWasStored()
    {
        using var dir = new TempDirectory();
        var copy = dir.File("r");
        Directory.CreateDirectory(copy);
        foreach (var file in new[] { "run.sqlite", "manifest.json" }) File.Copy(Path.Combine(fixture.Run, file), Path.Combine(copy, file));
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(copy, "run.sqlite")};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM attempts";
            cmd.ExecuteNonQuery();
        }
        var line = await FailsWithOneLine(dir.Path, "runs", "check", copy);
        Assert.Contains("holds no attempts", line);
    }

    [Fact]
    public async Task Report_IntoAFolderHoldingOtherFiles_IsRefusedAndTheFilesKept()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("rep"));
        await File.WriteAllTextAsync(dir.File("rep/notes.txt"), "mine");
        var line = await FailsWithOneLine(dir.Path, "report", "--run", fixture.Run, "--out", dir.File("rep"));
        Assert.Contains("holds 'notes.txt'", line);
        Assert.Equal(["notes.txt"], Directory.GetFileSystemEntries(dir.File("rep")).Select(Path.GetFileName));
        Assert.Equal(["rep"], Directory.GetFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Import_LineFarLongerThanAnyRecordWithinTheFieldCap_IsRefusedBeforeItIsHeldWhole()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.jsonl");
        await File.WriteAllTextAsync(data, "{\"prompt\":\"q\",\"response\":\"a\"}\n{\"prompt\":\"" + new string('x', 100_000) + "\"}\n");
        var line = await FailsWithOneLine(dir.Path, "import", "--data", data, "--out", dir.File("r"), "--max-field-chars", "1000");
        Assert.Contains("t.jsonl:2: the line is longer than 85536 characters", line);
    }

    [Fact]
    public async Task Import_CsvWithAnUnclosedQuoteBeforeAHugeRest_IsRefusedBeforeTheRestIsHeldWhole()
    {
        using var dir = new TempDirectory();
        var data = dir.File("t.csv");
        await File.WriteAllTextAsync(data, "prompt,response\nq,a\nq2,\"" + string.Concat(Enumerable.Repeat(new string('x', 99) + "\n", 5_000)));
        var line = await FailsWithOneLine(dir.Path, "import", "--data", data, "--out", dir.File("r"), "--max-field-chars", "1000");
        Assert.Contains("t.csv: row 3:", line);
        Assert.Contains("342144 bytes", line);
    }
}
