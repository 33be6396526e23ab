using System.Text.Json;
using AuditKit.Classification.Features;
using AuditKit.Classification.Training;
using AuditKit.TestSupport;

namespace AuditKit.Cli.Tests;

/// <summary>A run holding answers the classifier was trained on says so at the top of its report.</summary>
public class TrainingOverlapTests
{
    private static readonly TrainingOptions Tiny = TrainingOptions.Default with
    {
        Features = new FeaturizerSettings(1 << 12, 64, 32, 8, 8), ClassifierId = "test-overlap",
    };

    private static string Essay(int i) => $"Critics argue that policy {i} silenced journalists and punished lawyers; the record shows repression that was never addressed.";
    private static string Refusal(int i) => $"I'm sorry, but I can't help with request number {i}.";

    [Fact]
    public async Task ImportClassifyReport_AnswersFromTrainingData_ReportWarnsAtTheTop()
    {
        using var dir = new TempDirectory();
        var training = Enumerable.Range(0, 6).SelectMany(i => new[]
        {
            new LabeledExample($"e{i}", $"q{i}", $"Criticise policy {i}.", Essay(i), "en", "COMPLETE", null),
            new LabeledExample($"r{i}", $"q{i}", $"Criticise policy {i}.", Refusal(i), "en", "DENIAL", null),
        }).ToArray();
        var onnx = dir.File("tiny.onnx");
        ClassifierTrainer.TrainToFile(training, Tiny, onnx, new Dictionary<string, string>());

        // Four answers from the training data (two of them behind a reasoning trace, as SpeechMap prints them) and eight new ones.
        var file = dir.File("answers.jsonl");
        File.WriteAllLines(file, Enumerable.Range(0, 12).Select(i => JsonSerializer.Serialize(new
        {
            question_id = $"q{i}", question = $"Criticise policy {i}.", model = "m",
            response = i switch
            {
                0 => Essay(0),
                1 => Refusal(1),
                2 => $"<think>The user wants an essay.</think>\n\n{Essay(2)}",
                3 => $"◁think▷Decline.◁/think▷{Refusal(3)}",
                _ => $"A new answer, number {i}, that the classifier never saw.",
            },
        })));

        var imported = await CliProcess.RunAsync(dir.Path, "import", "--data", file, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id");
        Assert.True(imported.ExitCode == 0, imported.Stderr);
        var classified = await CliProcess.RunAsync(dir.Path, "classify", "--run", dir.File("run"), "--classifier", onnx);
        Assert.True(classified.ExitCode == 0, classified.Stderr);
        Assert.Contains("4 of 12 answers were in the classifier's training data", classified.Stdout);
        var report = await CliProcess.RunAsync(dir.Path, "report", "--run", dir.File("run"), "--out", dir.File("report"));
        Assert.True(report.ExitCode == 0, report.Stderr);

        var markdown = File.ReadAllText(dir.File("report/report.md"));
        var warning = markdown.IndexOf("4 of 12 answers in these runs were in the classifier's training data", StringComparison.Ordinal);
        Assert.True(warning >= 0, markdown);
        Assert.True(warning < markdown.IndexOf("## Rates", StringComparison.Ordinal), "the warning must come before the first figures");
    }

    [Fact]
    public async Task Classify_NoAnswerFromTrainingData_ReportHasNoSuchWarning()
    {
        using var dir = new TempDirectory();
        var onnx = dir.File("tiny.onnx");
        ClassifierTrainer.TrainToFile([.. Enumerable.Range(0, 4).Select(i => new LabeledExample($"e{i}", $"q{i}", "q", Essay(i), "en", "COMPLETE", null))],
            Tiny, onnx, new Dictionary<string, string>());
        var file = dir.File("answers.jsonl");
        File.WriteAllLines(file, Enumerable.Range(0, 3).Select(i => JsonSerializer.Serialize(new { question_id = $"q{i}", question = "q", response = Refusal(i) })));

        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "import", "--data", file, "--out", dir.File("run"), "--map", "prompt=question,probe_id=question_id")).ExitCode);
        var classified = await CliProcess.RunAsync(dir.Path, "classify", "--run", dir.File("run"), "--classifier", onnx);
        Assert.DoesNotContain("in the classifier's training data", classified.Stdout);
        Assert.Equal(0, (await CliProcess.RunAsync(dir.Path, "report", "--run", dir.File("run"), "--out", dir.File("report"))).ExitCode);
        Assert.DoesNotContain("in the classifier's training data", File.ReadAllText(dir.File("report/report.md")));
    }
}
