using System.CommandLine;
using System.Globalization;
using AuditKit.Classification.Data;
using AuditKit.Classification.Evaluation;
using AuditKit.Classification.Inference;
using AuditKit.Classification.Training;
using AuditKit.Cli.Classifiers;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Files;
using AuditKit.Core.Reasoning;
using AuditKit.Core.Suites;
using AuditKit.Runner.Imports;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit classifier train|eval</c>: thin wrappers over AuditKit.Classification.</summary>
public static class ClassifierCommand
{
    private const int MinFolds = 2, MaxFolds = 20;

    public static Command Create(CliContext cli)
    {
        var sharedData = new Option<string>("--shared-data") { Description = "Folder with speechmap-gov-criticism/ and deccp/", DefaultValueFactory = _ => Path.Combine("..", "shared", "data") };
        var labels = new Option<string>("--labels") { Description = "The project's label files", DefaultValueFactory = _ => Path.Combine("models", "labels") };
        var data = new Option<string[]>("--data") { Description = "Extra labelled examples (JSON Lines in the format of models/labels/own-examples.jsonl)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "ONNX file to write", Required = true };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => TrainingOptions.Default.Seed };
        var folds = new Option<int>("--folds") { Description = "Cross-validate by question with this many folds (2..20) before training on everything (0: skip)", DefaultValueFactory = _ => 5 };
        var evaluation = new Option<string?>("--evaluation") { Description = "Write the cross-validated figures to this JSON file (models/classifier-evaluation.json for the shipped model)" };
        var train = new Command("train", "Cross-validate the recipe by question, then train both heads on all labelled data and write one ONNX file (deterministic for a seed)") { sharedData, labels, data, output, seed, folds, evaluation };
        train.SetAction(r => Train(cli, r.GetValue(sharedData)!, r.GetValue(labels)!, r.GetValue(data) ?? [], r.GetValue(output)!, r.GetValue(seed), r.GetValue(folds), r.GetValue(evaluation)));

        var evalData = new Option<string>("--data") { Description = "Labelled transcripts (JSON Lines or CSV)", Required = true };
        var map = new Option<string?>("--map") { Description = "field=column,... e.g. prompt=question,probe_id=question_id" };
        var labelField = new Option<string>("--label-field") { Description = "Column holding the gold label", Required = true };
        var head = new Option<string>("--head") { DefaultValueFactory = _ => "compliance" };
        head.AcceptOnlyFromAmong("compliance", "compliance-binary", "narrative");
        var json = new Option<bool>("--json");
        var classifier = new Option<string?>("--classifier");
        var eval = new Command("eval", "Score the classifier against labelled data: accuracy, per-class F1, confusion matrix, Cohen's kappa, by language") { evalData, map, labelField, head, json, classifier };
        eval.SetAction(r => Evaluate(cli, r.GetValue(evalData)!, r.GetValue(map), r.GetValue(labelField)!, r.GetValue(head)!, r.GetValue(json), r.GetValue(classifier)));

        return new Command("classifier", "Train and evaluate the answer classifier") { train, eval };
    }

    private static int Train(CliContext cli, string sharedData, string labels, string[] extra, string output, int seed, int folds, string? evaluationPath)
    {
        if (!Directory.Exists(sharedData)) throw new UserInputException($"--shared-data: {TerminalText.Safe(sharedData)} not found");
        // Every fold trains a full model: a fold count past a few dozen runs for hours and scores folds of one question.
        if (folds is not (0 or (>= MinFolds and <= MaxFolds))) throw new UserInputException($"--folds: {folds} is outside {MinFolds}..{MaxFolds} (0 skips cross-validation)");
        if (evaluationPath is not null && folds == 0) throw new UserInputException("--evaluation: needs cross-validation (--folds 2 or more)");
        OutputPaths.WritableFile(output, "--out");
        if (evaluationPath is not null)
        {
            OutputPaths.WritableFile(evaluationPath, "--evaluation");
            if (Path.GetFullPath(evaluationPath) == Path.GetFullPath(output)) throw new UserInputException("--evaluation: the same file as --out");
        }
        var sources = TrainingCorpus.LoadSources(sharedData, labels);
        var files = new Dictionary<string, string>(sources.Files, StringComparer.Ordinal);
        foreach (var path in extra) files["data/" + Path.GetFileName(path)] = FileHash.Sha256(path);
        sources = sources with { Own = sources.Own.Concat(extra.SelectMany(LabelFileReader.ReadOwnExamples)).ToArray(), Files = files };
        var options = TrainingOptions.Default with { Seed = seed };

        IReadOnlyDictionary<string, EvaluationReport>? reports = null;
        if (folds > 0)
        {
            cli.Error.WriteLine($"cross-validating by question: {folds} folds over {sources.SpeechMap.Count + sources.Deccp.Count} answers");
            reports = RecipeEvaluation.CrossValidate(sources, folds, seed, options, new LineProgress(cli.Error));
            foreach (var (name, report) in reports)
            {
                cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} n={report.N,5} kappa={report.Kappa:F3} macro-F1={report.MacroF1:F3}") +
                    (report.PerClass.FirstOrDefault(c => c.Label == "EVASIVE") is { } evasive ? string.Create(CultureInfo.InvariantCulture, $" EVASIVE-recall={evasive.Recall:F3}") : "") +
                    Breakdown(report.ByLanguage));
                if (report.ByModelFamily is not null) cli.Out.WriteLine($"{"",-28} by family:" + Breakdown(report.ByModelFamily));
                if (report.ByTrace is not null) cli.Out.WriteLine($"{"",-28} by trace:" + Breakdown(report.ByTrace));
            }
        }

        var examples = sources.SpeechMap.Concat(sources.Deccp).Concat(sources.Own).ToList();
        cli.Error.WriteLine($"training on all {examples.Count} examples");
        // Both files replace their old versions in one rename each: a kill never leaves a half-written model.
        AtomicFile.ReplaceAsync(output, temp => { ClassifierTrainer.TrainToFile(examples, options, temp, sources.Files); return Task.CompletedTask; }).GetAwaiter().GetResult();
        using var onnx = new OnnxAnswerClassifier(output);
        if (evaluationPath is not null && reports is not null)
        {
            var figures = new EvaluationFile(onnx.Id, onnx.Sha256, $"{folds}-fold cross-validation by question (fold seed {seed}) of the recipe; the model is then trained on all questions", reports);
            AtomicFile.ReplaceAsync(evaluationPath, temp => { figures.Write(temp); return Task.CompletedTask; }).GetAwaiter().GetResult();
        }
        cli.Out.WriteLine($"wrote {TerminalText.Safe(output)} ({TerminalText.Safe(onnx.Id)}, sha256 {onnx.Sha256})");
        return ExitCodes.Success;
    }

    private static string Breakdown(IReadOnlyDictionary<string, EvaluationReport>? groups) =>
        string.Concat((groups ?? new Dictionary<string, EvaluationReport>()).Select(g => string.Create(CultureInfo.InvariantCulture, $"  {g.Key} {g.Value.Kappa:F3} (n {g.Value.N})")));

    private static int Evaluate(CliContext cli, string path, string? mapSpec, string labelField, string headName, bool json, string? classifierOption)
    {
        var head = headName switch { "narrative" => ClassifierHead.Narrative, "compliance-binary" => ClassifierHead.ComplianceBinary, _ => ClassifierHead.Compliance };
        var map = FieldMap.Parse(mapSpec);
        var format = TranscriptReader.GuessFormat(path) ?? "jsonl";
        // A gold label the head cannot predict would count as a silent miss and drag every figure down.
        IReadOnlyList<string> known = head switch
        {
            ClassifierHead.Narrative => LabelSets.Narrative,
            ClassifierHead.ComplianceBinary => [.. LabelSets.Compliance, ClassifierEvaluator.NotComplete],
            _ => LabelSets.Compliance,
        };
        var examples = new List<LabeledExample>();
        foreach (var record in TranscriptReader.Read(path, format, 20L * AnswerLimits.DefaultMaxChars))
        {
            var label = record.Fields.GetValueOrDefault(labelField);
            // SpeechMap marks API failures ERROR_*: no answer to judge, excluded from figures as SpeechMap does.
            if (string.IsNullOrWhiteSpace(label) || label.StartsWith("ERROR", StringComparison.Ordinal)) continue;
            if (!known.Contains(label))
                throw new UserInputException($"{TerminalText.Safe(path)}:{record.Line}: '{TerminalText.Safe(labelField)}' is '{TerminalText.Safe(label, 60)}', not a label of --head {headName} ({string.Join(", ", known)})");
            bool narrative = head == ClassifierHead.Narrative;
            // Scored on the final answer, as classify sees an imported or run answer.
            var split = ReasoningSplitter.Split(map.Require(record, "response"), startsInsideReasoning: false);
            examples.Add(new LabeledExample($"{record.Line}", map.Get(record, "probe_id") ?? $"{record.Line}", map.Require(record, "prompt"),
                split.Answer, LanguageCodes.Normalize(map.Get(record, "language") ?? "en"), narrative ? null : label, narrative ? label : null)
            {
                Model = map.Get(record, "model"),
                TraceInResponse = split.Reasoning is not null,
            });
        }
        if (examples.Count == 0) throw new UserInputException($"{TerminalText.Safe(path)}: no record has a label in '{TerminalText.Safe(labelField)}'");
        using var classifier = ClassifierLoader.Load(classifierOption);
        var report = ClassifierEvaluator.Evaluate(classifier, examples, head);
        if (json) { cli.Out.WriteLine(TerminalText.SafeJson(report.ToJson())); return ExitCodes.Success; }
        cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{headName}: n={report.N} accuracy={report.Accuracy:F3} kappa={report.Kappa:F3} macro-F1={report.MacroF1:F3}"));
        foreach (var c in report.PerClass) cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c.Label,-14} precision={c.Precision:F3} recall={c.Recall:F3} F1={c.F1:F3} support={c.Support}"));
        foreach (var (language, r) in report.ByLanguage ?? new Dictionary<string, EvaluationReport>()) cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  language {TerminalText.Safe(language),-8} n={r.N} kappa={r.Kappa:F3}"));
        return ExitCodes.Success;
    }
}
