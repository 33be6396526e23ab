using System.CommandLine;
using System.Text.Json;
using AuditKit.Classification.Inference;
using AuditKit.Classification.Signals;
using AuditKit.Cli.Output;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Core.Verdicts;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Store;

namespace AuditKit.Cli.Commands;

/// <summary>
/// <c>auditkit classify --run RUN_DIR</c>: adds verdicts and signals to a stored run without loading the audited model.
/// Re-running replaces them, recording the classifier's id and hash, so a newer classifier can re-judge an old run.
/// </summary>
public static class ClassifyCommand
{
    public static Command Create(CliContext cli)
    {
        var run = new Option<string>("--run") { Description = "Run folder", Required = true };
        var classifier = new Option<string?>("--classifier") { Description = $"ONNX classifier (default: models/{ToolPaths.ClassifierFileName})" };
        var command = new Command("classify", "Classify every stored answer (compliance, narrative) and compute fact/marker signals") { run, classifier };
        command.SetAction(r => Execute(cli, r.GetValue(run)!, r.GetValue(classifier) ?? ToolPaths.Classifier()));
        return command;
    }

    private static int Execute(CliContext cli, string runDirectory, string classifierPath)
    {
        using var store = RunStore.Open(runDirectory, create: false);
        using var runLock = RunLock.Acquire(runDirectory);
        var snapshot = store.ReadSnapshot();
        using var classifier = LoadClassifier(classifierPath);
        var probes = ProbesOf(snapshot.Manifest, cli);
        var extractor = new SignalExtractor(TimeSpan.FromMilliseconds(200));
        bool reasoningModel = snapshot.Manifest.Model.ChatTemplateFamily == "deepseek-r1" || snapshot.Attempts.Any(a => a.Attempt.Reasoning is not null);

        var attempts = snapshot.Attempts.Select(a => a.Attempt).ToList();
        var verdicts = new List<Verdict>(attempts.Count);
        const int chunk = 256;
        for (int i = 0; i < attempts.Count; i += chunk)
        {
            var batch = attempts.Skip(i).Take(chunk).ToList();
            verdicts.AddRange(classifier.Classify(batch.Select(a => new ClassifierInput(a.Prompt, a.Succeeded ? a.Response : "", a.Key.Language)).ToList()));
            if ((i / chunk) % 20 == 19 || i + chunk >= attempts.Count) cli.Error.WriteLine($"classified {Math.Min(i + chunk, attempts.Count)}/{attempts.Count}");
        }

        var results = attempts.Select((a, i) => (a.Key, verdicts[i],
            extractor.Extract(probes.GetValueOrDefault(a.Key.ProbeId), a.Key.Language, a.Reasoning, a.Response, reasoningModel))).ToList();
        store.SaveClassification(new ClassifierInfo(classifier.Id, classifier.Sha256, cli.Clock.GetUtcNow(), EvaluationFigures(classifierPath)), results);

        var counts = verdicts.GroupBy(v => v.Compliance).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToUpperInvariant()} {g.Count()}");
        cli.Out.WriteLine($"Classified {verdicts.Count} attempts with {TerminalText.Safe(classifier.Id)} ({classifier.Sha256[..12]}): {string.Join(", ", counts)}");
        if (verdicts.Any(v => v.Truncated)) cli.Out.WriteLine($"{verdicts.Count(v => v.Truncated)} answers were longer than the classifier reads and were judged on their truncated text.");
        return ExitCodes.Success;
    }

    private static OnnxAnswerClassifier LoadClassifier(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"--classifier: {TerminalText.Safe(path)} not found");
        try { return new OnnxAnswerClassifier(path); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new UserInputException($"{TerminalText.Safe(path)}: not a usable AuditKit classifier ({e.Message.ReplaceLineEndings(" ")})"); }
    }

    /// <summary>The run's probes with their suite's markers, from the suite file the run recorded (or the catalog's suite of that id).</summary>
    private static Dictionary<string, Probe> ProbesOf(RunManifest manifest, CliContext cli)
    {
        var result = new Dictionary<string, Probe>(StringComparer.Ordinal);
        var catalog = new SuiteCatalog(ToolPaths.Probes());
        foreach (var reference in manifest.Suites)
        {
            Suite? suite = null;
            try
            {
                suite = File.Exists(reference.SourcePath) ? SuiteLoader.LoadFile(reference.SourcePath).Suite : catalog.Resolve(reference.Id).Single().Suite;
            }
            catch (SuiteFormatException e) { cli.Error.WriteLine($"warning: suite {TerminalText.Safe(reference.Id)} not available ({TerminalText.Safe(e.Message)}); fact and marker signals skipped for it"); }
            if (suite is null) continue;
            if (suite.ContentHash != reference.ContentHash)
                cli.Error.WriteLine($"warning: suite {TerminalText.Safe(reference.Id)} changed since the run (version {TerminalText.Safe(suite.Version)} now, {TerminalText.Safe(reference.Version)} then); signals use the current facts and markers");
            foreach (var probe in suite.Probes)
                result[probe.Id] = probe with { Markers = suite.MarkersFor(probe) };
        }
        return result;
    }

    /// <summary>Headline figures from the evaluation file beside the model, for the report's method section.</summary>
    private static IReadOnlyDictionary<string, double> EvaluationFigures(string classifierPath)
    {
        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(classifierPath))!, "classifier-evaluation.json");
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!File.Exists(file)) return figures;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var report in doc.RootElement.GetProperty("reports").EnumerateObject())
                foreach (var metric in new[] { "kappa", "macro_f1" })
                    if (report.Value.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number)
                        figures[$"{report.Name}.{metric}"] = value.GetDouble();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { }
        return figures;
    }
}
