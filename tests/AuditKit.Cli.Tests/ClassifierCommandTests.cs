using System.Text;
using System.Text.Json;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>
/// `auditkit classifier eval|train` and `classify` given files they cannot use: one line naming the file, line or
/// option, exit code 2, and no training started for an output that could not be written.
/// </summary>
public class ClassifierCommandTests
{
    private static readonly string ShippedModel = Path.Combine(RepoPaths.Models, "auditkit-classifier.onnx");
    private const string Refusal = "I'm sorry, but I can't help with that request.";

    /// <summary>A copy of the shipped model made unusable in one way; edits keep the length so the protobuf stays valid.</summary>
    private static string WriteUnusableModel(TempDirectory dir, string kind)
    {
        var model = File.ReadAllBytes(ShippedModel);
        var path = dir.File($"{kind}.onnx");
        File.WriteAllBytes(path, kind switch
        {
            "text" => "this is a text file, not a model\n"u8.ToArray(),
            "garbage" => Enumerable.Range(0, 65536).Select(i => (byte)(i * 131 + i / 7)).ToArray(),
            "empty" => [],
            "truncated" => model[..(model.Length / 2)],
            "labels" => Edit(model, "COMPLETE,EVASIVE,DENIAL", "COMPLETE,EVASIVE,DENIED"),
            "dimensions" => Edit(model, "feature_dimensions\u0012\u0006262144", "feature_dimensions\u0012\u0006524288"),
            _ => throw new ArgumentException(kind),
        });
        return path;
    }

    private static byte[] Edit(byte[] model, string from, string to)
    {
        var text = Encoding.Latin1.GetString(model);
        Assert.Equal(1, text.Split(from).Length - 1);
        return Encoding.Latin1.GetBytes(text.Replace(from, to));
    }

    private static string WriteLabelled(TempDirectory dir, params string[] labels)
    {
        var path = dir.File("gold.jsonl");
        File.WriteAllLines(path, labels.Select((label, i) => JsonSerializer.Serialize(new { prompt = $"Question {i}?", response = Refusal, label })));
        return path;
    }

    private static void AssertOneLine(int exit, string stderr, params string[] expected)
    {
        Assert.True(exit == 2, stderr);
        Assert.StartsWith("auditkit: ", stderr);
        Assert.Single(stderr.Trim().Split('\n'));
        foreach (var text in expected) Assert.Contains(text, stderr);
    }

    [Theory]
    [InlineData("text", "not an ONNX model")]
    [InlineData("garbage", "not an ONNX model")]
    [InlineData("empty", "not an ONNX model")]
    [InlineData("truncated", "not an ONNX model")]
    [InlineData("labels", "metadata 'compliance_labels' has unknown label 'DENIED'")]
    [InlineData("dimensions", "metadata 'feature_dimensions' is 524288 but the model's weights have 262144 feature rows")]
    public async Task ClassifierEval_UnusableClassifierFile_OneLineNamingTheFileAndExit2(string kind, string message)
    {
        using var dir = new TempDirectory();
        var model = WriteUnusableModel(dir, kind);

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "classifier", "eval", "--data", WriteLabelled(dir, "DENIAL", "COMPLETE"), "--label-field", "label", "--classifier", model);

        AssertOneLine(exit, stderr, $"--classifier: {model}", message);
    }

    [Fact]
    public async Task ClassifierEval_JunkDefaultModelInWorkingDirectory_OneLineNamingTheFileAndExit2()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("models"));
        File.WriteAllText(dir.File("models/auditkit-classifier.onnx"), "version https://git-lfs.github.com/spec/v1\n");

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "classifier", "eval", "--data", WriteLabelled(dir, "DENIAL"), "--label-field", "label");

        AssertOneLine(exit, stderr, Path.Combine("models", "auditkit-classifier.onnx"), "not an ONNX model", "--classifier");
    }

    [Fact]
    public async Task Classify_ClassifierWithEditedFeatureDimensions_OneLineNamingTheFileAndStoresNothing()
    {
        using var dir = new TempDirectory();
        var transcript = dir.File("t.jsonl");
        File.WriteAllLines(transcript, [JsonSerializer.Serialize(new { question_id = "q", question = "q?", answer = Refusal, lang = "en", model = "m" })]);
        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", transcript, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id,response=answer,language=lang");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var model = WriteUnusableModel(dir, "dimensions");

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "classify", "--run", dir.File("run"), "--classifier", model);

        AssertOneLine(exit, stderr, model, "'feature_dimensions' is 524288");
        Assert.Equal(0, StoredRows.Count(dir.File("run"), "SELECT COUNT(*) FROM labels"));
    }

    [Theory]
    [InlineData("compliance", "MAYBE", "'label' is 'MAYBE', not a label of --head compliance (COMPLETE, EVASIVE, DENIAL)")]
    [InlineData("compliance-binary", "ALIGNED", "'label' is 'ALIGNED', not a label of --head compliance-binary")]
    [InlineData("narrative", "DENIAL", "'label' is 'DENIAL', not a label of --head narrative (ALIGNED, CRITICAL, BALANCED, NONE)")]
    public async Task ClassifierEval_GoldLabelOutsideTheHead_NamesFileLineAndLabelAndExit2(string head, string label, string message)
    {
        using var dir = new TempDirectory();
        var known = head == "narrative" ? "NONE" : "DENIAL";
        var data = WriteLabelled(dir, known, known, label, known);

        var (exit, stdout, stderr) = await CliProcess.RunAsync(RepoPaths.Root, "classifier", "eval", "--data", data, "--label-field", "label", "--head", head);

        AssertOneLine(exit, stderr, $"{data}:3: {message}");
        Assert.DoesNotContain("accuracy", stdout);
    }

    [Theory]
    [InlineData("--out", "under-a-file", "is a file, not a folder")]
    [InlineData("--out", "empty", "empty path")]
    [InlineData("--out", "read-only", "cannot write")]
    [InlineData("--out", "a-folder", "is a folder")]
    [InlineData("--evaluation", "under-a-file", "is a file, not a folder")]
    public async Task ClassifierTrain_UnwritableOutput_RefusedBeforeTrainingNamingTheOption(string option, string kind, string message)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("plain.txt"), "a file, not a folder");
        var bad = kind switch
        {
            "under-a-file" => dir.File("plain.txt/model.onnx"),
            "empty" => "",
            // sysfs refuses new files even to root, which a chmod'ed folder does not (CI containers run as root).
            "read-only" => "/sys/kernel/auditkit-model.onnx",
            _ => dir.Path,
        };
        // An empty --shared-data folder: had the output not been checked first, loading the corpus would fail instead.
        Directory.CreateDirectory(dir.File("no-data"));
        string[] outputs = option == "--out" ? ["--out", bad] : ["--out", dir.File("m.onnx"), "--evaluation", bad];

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, ["classifier", "train", "--shared-data", dir.File("no-data"), .. outputs]);

        AssertOneLine(exit, stderr, $"{option}: ", message);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-3")]
    [InlineData("21")]
    [InlineData("100000")]
    public async Task ClassifierTrain_FoldsOutsideTheRange_RefusedBeforeTraining(string folds)
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("no-data"));

        var (exit, _, stderr) = await CliProcess.RunAsync(dir.Path, "classifier", "train", "--shared-data", dir.File("no-data"), "--out", dir.File("m.onnx"), "--folds", folds);

        AssertOneLine(exit, stderr, $"--folds: {folds} is outside 2..20");
    }
}
