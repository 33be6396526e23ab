using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AuditKit.Backends.OpenAI;
using AuditKit.Classification.Judging;
using AuditKit.Classification.Runs;
using AuditKit.Classification.Signals;
using AuditKit.Cli.Backends;
using AuditKit.Cli.Classifiers;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;
using AuditKit.Core.Verdicts;
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
        var o = new Options();
        var command = new Command("classify", "Classify every stored answer (compliance, narrative) and compute fact/marker signals; optionally ask an LLM judge for a second opinion");
        foreach (var option in o.All) command.Options.Add(option);
        command.SetAction((r, ct) => ExecuteAsync(cli, o, r, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, Options o, ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var judge = CreateJudge(o, parsed);
        return await ClassifyRunAsync(cli, parsed.GetValue(o.Run)!, parsed.GetValue(o.Classifier), judge, parsed.GetValue(o.JudgeParallel), parsed.GetValue(o.JudgeSample), cancellationToken);
    }

    /// <summary>Classifies one stored run (and asks the judge, if any): <c>classify</c> itself and every run of <c>audit</c>.</summary>
    /// <param name="classifierOption">An ONNX classifier path, or null for the shipped one.</param>
    internal static async Task<int> ClassifyRunAsync(CliContext cli, string runDirectory, string? classifierOption, JudgeSetup? judge,
        int judgeParallel, int? judgeSample, CancellationToken cancellationToken)
    {
        var classifierPath = classifierOption ?? ToolPaths.Classifier();
        using var store = RunStore.Open(runDirectory, create: false);
        using var runLock = RunLock.Acquire(runDirectory);
        // Answers are read a batch at a time as they are classified: a million of them would not fit in memory at once.
        var snapshot = store.ReadSnapshot(deferTexts: true);
        // Classifying replaces every stored verdict; with no attempt to classify that would only delete them.
        if (snapshot.Attempts.Count == 0)
            throw new UserInputException($"--run: {TerminalText.Safe(runDirectory)} holds no attempts to classify; its stored verdicts are kept");
        using var classifier = ClassifierLoader.Load(classifierOption);
        if (snapshot.Probes.Count == 0 && snapshot.Manifest.ImportedFileSha256 is null)
            cli.Error.WriteLine("warning: this run was stored before probes were kept with it (store schema 2 or older); fact and marker signals are skipped. Rerun it into a new folder to get them.");

        var runClassifier = new RunClassifier(classifier, new SignalExtractor(TimeSpan.FromMilliseconds(200)));
        int total = snapshot.Attempts.Count, every = RunClassifier.BatchSize * 20;
        var results = runClassifier.Classify(snapshot, new SynchronousProgress<int>(done =>
        {
            if (done % every == 0 || done == total) cli.Error.WriteLine($"classified {done}/{total}");
        }));
        // Answers the classifier was trained on get optimistic verdicts: counted so the report can say so.
        int? overlap = classifier.RecordsTrainingAnswers
            ? snapshot.WithTexts().Count(a => classifier.WasTrainedOn(RunClassifier.InputFor(a.Attempt).Response))
            : null;
        store.SaveClassification(new ClassifierInfo(classifier.Id, classifier.Sha256, cli.Clock.GetUtcNow(), EvaluationFigures(classifierPath)) { TrainingOverlap = overlap },
            [.. results.Select(r => (r.Key, r.Verdict, r.Signals))]);

        var verdicts = results.Select(r => r.Verdict).ToList();
        var counts = verdicts.GroupBy(v => v.Compliance).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToUpperInvariant()} {g.Count()}");
        cli.Out.WriteLine($"Classified {verdicts.Count} attempts with {TerminalText.Safe(classifier.Id)} ({classifier.Sha256[..12]}): {string.Join(", ", counts)}");
        if (overlap > 0) cli.Out.WriteLine($"{overlap} of {verdicts.Count} answers were in the classifier's training data; its verdicts on them are optimistic.");
        if (verdicts.Any(v => v.Truncated)) cli.Out.WriteLine($"{verdicts.Count(v => v.Truncated)} answers were longer than the classifier reads and were judged on their truncated text.");
        if (judge is null) return ExitCodes.Success;

        var judgements = await AskJudgeAsync(cli, store, judge, snapshot, results, judgeParallel, judgeSample, cancellationToken);
        var verdictOf = results.ToDictionary(r => r.Key, r => r.Verdict);
        // With no answer judged there is no agreement to report, only errors: a stored "0 % (n 0)" would read as a figure.
        JudgeAgreement? agreement = judgements.Count == 0 || judgements.Any(j => !RunClassifier.IsFailedRequest(j.Verdict))
            ? AgreementWithJudge.Compute(judge.Backend.Model.ServedModel ?? judge.ModelId, judge.Backend.Model.Endpoint ?? "",
                [.. judgements.Select(j => verdictOf[j.Key])], [.. judgements.Select(j => j.Verdict)])
            : null;
        store.SaveJudgeAgreement(judge.ModelId, agreement);
        if (agreement is { } j)
            cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Judge {TerminalText.Safe(j.JudgeModel)} on {j.Judged} answers: compliance agreement {j.ComplianceAgreement:P0} (kappa {j.ComplianceKappa:F2}, n {j.ComplianceN}), narrative agreement {j.NarrativeAgreement:P0} (kappa {j.NarrativeKappa:F2}, n {j.NarrativeN}); {j.Unreadable} replies without readable labels"));
        return ReportJudgeFailures(cli, [.. judgements.Select(j => j.Verdict)]);
    }

    /// <summary>Failed judge requests are stored with their error, like failed attempts of a run, and give the same exit code.</summary>
    private static int ReportJudgeFailures(CliContext cli, IReadOnlyList<JudgeVerdict> judged)
    {
        var failed = judged.Where(RunClassifier.IsFailedRequest).ToArray();
        if (failed.Length == 0) return ExitCodes.Success;
        var firstError = TerminalText.Safe(failed[0].Error, 300);
        cli.Out.WriteLine(failed.Length == judged.Count
            ? $"All {failed.Length} judge requests failed (first error: {firstError}); no agreement figures. The classifier's verdicts are stored; rerun classify to ask the judge again."
            : $"{failed.Length} of {judged.Count} judge requests failed (first error: {firstError}); they count among the replies without readable labels. Rerun classify to ask the judge again.");
        return ExitCodes.FailedAttempts;
    }

    internal sealed record JudgeSetup(OpenAICompatibleBackend Backend, LlmJudge Judge, string ModelId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Backend.DisposeAsync();
    }

    private static JudgeSetup? CreateJudge(Options o, ParseResult parsed)
    {
        if (parsed.GetValue(o.Judge) is not { } endpoint)
        {
            if (parsed.GetValue(o.JudgeModel) is not null) throw new UserInputException("--judge-model: needs --judge URL");
            return null;
        }
        var modelId = parsed.GetValue(o.JudgeModel) ?? throw new UserInputException("--judge-model: required with --judge");
        var parallel = OptionRange.Check(parsed.GetValue(o.JudgeParallel), 1, 256, "--judge-parallel");
        if (parsed.GetValue(o.JudgeSample) is < 1) throw new UserInputException("--judge-sample: must be at least 1");
        var retries = OptionRange.Check(parsed.GetValue(o.JudgeRetries), 0, 20, "--judge-retries");
        return CreateJudge("--judge", endpoint, modelId,
            EndpointBackendFactory.ReadApiKey("--judge-api-key-env", parsed.GetValue(o.JudgeApiKeyEnv), "--judge-api-key-file", parsed.GetValue(o.JudgeApiKeyFile)),
            parallel, retries, parsed.GetValue(o.AllowInsecure));
    }

    /// <param name="endpointOption">Where the URL came from, for messages (an option, or a plan's line).</param>
    internal static JudgeSetup CreateJudge(string endpointOption, string endpoint, string modelId, string? apiKey, int parallel, int retries, bool allowInsecure)
    {
        var codebook = ToolPaths.Codebook();
        JudgeRubric rubric;
        try { rubric = JudgeRubric.FromCodebook(codebook); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { throw new UserInputException($"{TerminalText.Safe(codebook)}: cannot read the judge's rubric ({TerminalText.Safe(e.Message)})"); }
        var backend = EndpointBackendFactory.Create(endpointOption, endpoint, modelId, apiKey,
            parallel, TimeSpan.FromSeconds(300), retries, allowInsecure, breaker: null, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return new JudgeSetup(backend, new LlmJudge(backend, rubric), modelId);
    }

    /// <summary>
    /// Asks the judge about every answer the classifier could judge (or a seeded sample of them), storing each verdict
    /// as it arrives; answers judged by an earlier, interrupted pass are not asked again.
    /// </summary>
    private static async Task<IReadOnlyList<(AttemptKey Key, JudgeVerdict Verdict)>> AskJudgeAsync(CliContext cli, RunStore store, JudgeSetup judge,
        RunSnapshot snapshot, IReadOnlyList<ClassifiedResult> results, int parallel, int? sample, CancellationToken cancellationToken)
    {
        var candidates = RunClassifier.JudgeCandidates(results, sample);
        var stored = store.JudgeVerdicts(judge.ModelId);
        int pending = RunClassifier.StillToAsk(results, candidates, stored).Length;
        cli.Error.WriteLine(pending == candidates.Count
            ? $"asking the judge about {candidates.Count} answers"
            : $"asking the judge about {pending} answers ({candidates.Count - pending} judged by an earlier pass are kept)");
        int step = Math.Max(1, pending / 10);
        var progress = new LineProgress(cli.Error);
        var storeGate = new Lock();
        return await RunClassifier.JudgeAsync(snapshot, results, candidates, judge.Judge, stored, parallel,
            new SynchronousProgress<int>(count => { if (count % step == 0 || count == pending) progress.Report($"judged {count}/{pending}"); }),
            (key, verdict) => { lock (storeGate) store.SaveJudgeVerdict(judge.ModelId, key, verdict, cli.Clock.GetUtcNow()); },
            cancellationToken);
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
                foreach (var metric in new[] { "kappa", "macro_f1", "accuracy" })
                    if (report.Value.TryGetProperty(metric, out var value) && value.ValueKind == JsonValueKind.Number)
                        figures[$"{report.Name}.{metric}"] = value.GetDouble();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { }
        return figures;
    }

    /// <summary>The options of one command tree, built afresh each time (an option belongs to one parent).</summary>
    private sealed class Options
    {
        public readonly Option<string> Run = new("--run") { Description = "Run folder", Required = true };
        public readonly Option<string?> Classifier = new("--classifier") { Description = $"ONNX classifier (default: models/{ToolPaths.ClassifierFileName})" };
        public readonly Option<string?> Judge = new("--judge") { Description = "OpenAI-compatible server whose model gives a second opinion with models/CODEBOOK.md as rubric, e.g. http://127.0.0.1:8000/v1" };
        public readonly Option<string?> JudgeModel = new("--judge-model") { Description = "Model name to request from --judge" };
        public readonly Option<string?> JudgeApiKeyEnv = new("--judge-api-key-env") { Description = "Environment variable holding the judge's API key" };
        public readonly Option<string?> JudgeApiKeyFile = new("--judge-api-key-file") { Description = "File holding the judge's API key" };
        public readonly Option<int> JudgeParallel = new("--judge-parallel") { Description = "Judge requests in flight", DefaultValueFactory = _ => 4 };
        public readonly Option<int?> JudgeSample = new("--judge-sample") { Description = "Judge a seeded random sample of this many answers (default: all)" };
        // One retry, not run's four: a judge that refuses the connection would otherwise cost four backoff waits (about
        // 11 s) per answer before classify could say so, and a second opinion is cheap to ask again by rerunning classify.
        public readonly Option<int> JudgeRetries = new("--judge-retries") { Description = "Retries per judge request on 429, 5xx, timeouts and refused connections (0..20)", DefaultValueFactory = _ => 1 };
        public readonly Option<bool> AllowInsecure = new("--allow-insecure") { Description = "Allow plain http:// to a judge host that is not loopback" };

        public IEnumerable<Option> All => [Run, Classifier, Judge, JudgeModel, JudgeApiKeyEnv, JudgeApiKeyFile, JudgeParallel, JudgeSample, JudgeRetries, AllowInsecure];
    }
}
