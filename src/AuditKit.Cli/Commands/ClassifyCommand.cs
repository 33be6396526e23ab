using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AuditKit.Backends.OpenAI;
using AuditKit.Classification.Judging;
using AuditKit.Classification.Signals;
using AuditKit.Cli.Backends;
using AuditKit.Cli.Classifiers;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
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
    private static readonly Option<string> Run = new("--run") { Description = "Run folder", Required = true };
    private static readonly Option<string?> Classifier = new("--classifier") { Description = $"ONNX classifier (default: models/{ToolPaths.ClassifierFileName})" };
    private static readonly Option<string?> Judge = new("--judge") { Description = "OpenAI-compatible server whose model gives a second opinion with models/CODEBOOK.md as rubric, e.g. http://127.0.0.1:8000/v1" };
    private static readonly Option<string?> JudgeModel = new("--judge-model") { Description = "Model name to request from --judge" };
    private static readonly Option<string?> JudgeApiKeyEnv = new("--judge-api-key-env") { Description = "Environment variable holding the judge's API key" };
    private static readonly Option<string?> JudgeApiKeyFile = new("--judge-api-key-file") { Description = "File holding the judge's API key" };
    private static readonly Option<int> JudgeParallel = new("--judge-parallel") { Description = "Judge requests in flight", DefaultValueFactory = _ => 4 };
    private static readonly Option<int?> JudgeSample = new("--judge-sample") { Description = "Judge a seeded random sample of this many answers (default: all)" };
    // One retry, not run's four: a judge that refuses the connection would otherwise cost four backoff waits (about
    // 11 s) per answer before classify could say so, and a second opinion is cheap to ask again by rerunning classify.
    private static readonly Option<int> JudgeRetries = new("--judge-retries") { Description = "Retries per judge request on 429, 5xx, timeouts and refused connections (0..20)", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> AllowInsecure = new("--allow-insecure") { Description = "Allow plain http:// to a judge host that is not loopback" };

    public static Command Create(CliContext cli)
    {
        var command = new Command("classify", "Classify every stored answer (compliance, narrative) and compute fact/marker signals; optionally ask an LLM judge for a second opinion")
        {
            Run, Classifier, Judge, JudgeModel, JudgeApiKeyEnv, JudgeApiKeyFile, JudgeParallel, JudgeSample, JudgeRetries, AllowInsecure,
        };
        command.SetAction((r, ct) => ExecuteAsync(cli, r, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult parsed, CancellationToken cancellationToken)
    {
        var runDirectory = parsed.GetValue(Run)!;
        var classifierOption = parsed.GetValue(Classifier);
        var classifierPath = classifierOption ?? ToolPaths.Classifier();
        await using var judge = CreateJudge(parsed);
        using var store = RunStore.Open(runDirectory, create: false);
        using var runLock = RunLock.Acquire(runDirectory);
        var snapshot = store.ReadSnapshot();
        // Classifying replaces every stored verdict; with no attempt to classify that would only delete them.
        if (snapshot.Attempts.Count == 0)
            throw new UserInputException($"--run: {TerminalText.Safe(runDirectory)} holds no attempts to classify; its stored verdicts are kept");
        using var classifier = ClassifierLoader.Load(classifierOption);
        var probes = ProbesOf(snapshot.Manifest, cli);
        var extractor = new SignalExtractor(TimeSpan.FromMilliseconds(200));
        bool reasoningModel = snapshot.Manifest.Model.ChatTemplateFamily == "deepseek-r1" || snapshot.Attempts.Any(a => a.Attempt.Reasoning is not null);

        var attempts = snapshot.Attempts.Select(a => a.Attempt).ToList();
        // A failed attempt has nothing to judge: both the classifier and the judge see an empty answer (ERROR).
        var inputs = attempts.Select(a => new ClassifierInput(a.Prompt, a.Succeeded ? a.Response : "", a.Key.Language)).ToList();
        var verdicts = new List<Verdict>(attempts.Count);
        const int chunk = 256;
        for (int i = 0; i < attempts.Count; i += chunk)
        {
            verdicts.AddRange(classifier.Classify(inputs.Skip(i).Take(chunk).ToList()));
            if ((i / chunk) % 20 == 19 || i + chunk >= attempts.Count) cli.Error.WriteLine($"classified {Math.Min(i + chunk, attempts.Count)}/{attempts.Count}");
        }

        var results = attempts.Select((a, i) => (a.Key, verdicts[i],
            extractor.Extract(probes.GetValueOrDefault(a.Key.ProbeId), a.Key.Language, a.Reasoning, a.Response, reasoningModel))).ToList();
        var info = new ClassifierInfo(classifier.Id, classifier.Sha256, cli.Clock.GetUtcNow(), EvaluationFigures(classifierPath));
        IReadOnlyList<(AttemptKey Key, JudgeVerdict Verdict)> judgements = [];
        if (judge is not null)
        {
            (judgements, var agreement) = await AskJudgeAsync(cli, judge, attempts, inputs, verdicts, parsed.GetValue(JudgeParallel), parsed.GetValue(JudgeSample), cancellationToken);
            // With no answer judged there is no agreement to report, only errors: a stored "0 % (n 0)" would read as a figure.
            if (judgements.Count == 0 || judgements.Any(j => !Failed(j.Verdict))) info = info with { Judge = agreement };
        }
        store.SaveClassification(info, results, judgements);

        var counts = verdicts.GroupBy(v => v.Compliance).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToUpperInvariant()} {g.Count()}");
        cli.Out.WriteLine($"Classified {verdicts.Count} attempts with {TerminalText.Safe(classifier.Id)} ({classifier.Sha256[..12]}): {string.Join(", ", counts)}");
        if (verdicts.Any(v => v.Truncated)) cli.Out.WriteLine($"{verdicts.Count(v => v.Truncated)} answers were longer than the classifier reads and were judged on their truncated text.");
        if (info.Judge is { } j)
            cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Judge {TerminalText.Safe(j.JudgeModel)} on {j.Judged} answers: compliance agreement {j.ComplianceAgreement:P0} (kappa {j.ComplianceKappa:F2}, n {j.ComplianceN}), narrative agreement {j.NarrativeAgreement:P0} (kappa {j.NarrativeKappa:F2}, n {j.NarrativeN}); {j.Unreadable} replies without readable labels"));
        return ReportJudgeFailures(cli, judgements.Select(j => j.Verdict).ToArray());
    }

    private static bool Failed(JudgeVerdict verdict) => verdict.Error is not null && verdict.Error != LlmJudge.EmptyAnswer;

    /// <summary>Failed judge requests are stored with their error, like failed attempts of a run, and give the same exit code.</summary>
    private static int ReportJudgeFailures(CliContext cli, IReadOnlyList<JudgeVerdict> judged)
    {
        var failed = judged.Where(Failed).ToArray();
        if (failed.Length == 0) return ExitCodes.Success;
        var firstError = TerminalText.Safe(failed[0].Error, 300);
        cli.Out.WriteLine(failed.Length == judged.Count
            ? $"All {failed.Length} judge requests failed (first error: {firstError}); no agreement figures. The classifier's verdicts are stored; rerun classify to ask the judge again."
            : $"{failed.Length} of {judged.Count} judge requests failed (first error: {firstError}); they count among the replies without readable labels. Rerun classify to ask the judge again.");
        return ExitCodes.FailedAttempts;
    }

    private sealed record JudgeSetup(OpenAICompatibleBackend Backend, LlmJudge Judge, string ModelId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Backend.DisposeAsync();
    }

    private static JudgeSetup? CreateJudge(ParseResult parsed)
    {
        if (parsed.GetValue(Judge) is not { } endpoint)
        {
            if (parsed.GetValue(JudgeModel) is not null) throw new UserInputException("--judge-model: needs --judge URL");
            return null;
        }
        var modelId = parsed.GetValue(JudgeModel) ?? throw new UserInputException("--judge-model: required with --judge");
        var parallel = OptionRange.Check(parsed.GetValue(JudgeParallel), 1, 256, "--judge-parallel");
        if (parsed.GetValue(JudgeSample) is < 1) throw new UserInputException("--judge-sample: must be at least 1");
        var retries = OptionRange.Check(parsed.GetValue(JudgeRetries), 0, 20, "--judge-retries");
        var codebook = ToolPaths.Codebook();
        JudgeRubric rubric;
        try { rubric = JudgeRubric.FromCodebook(codebook); }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException) { throw new UserInputException($"{TerminalText.Safe(codebook)}: cannot read the judge's rubric ({TerminalText.Safe(e.Message)})"); }
        var backend = EndpointBackendFactory.Create("--judge", endpoint, modelId,
            EndpointBackendFactory.ReadApiKey("--judge-api-key-env", parsed.GetValue(JudgeApiKeyEnv), "--judge-api-key-file", parsed.GetValue(JudgeApiKeyFile)),
            parallel, TimeSpan.FromSeconds(300), retries, parsed.GetValue(AllowInsecure), breaker: null, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        return new JudgeSetup(backend, new LlmJudge(backend, rubric), modelId);
    }

    /// <summary>Asks the judge about every answer the classifier could judge (or a seeded sample of them).</summary>
    private static async Task<(IReadOnlyList<(AttemptKey, JudgeVerdict)>, JudgeAgreement)> AskJudgeAsync(CliContext cli, JudgeSetup judge,
        IReadOnlyList<Attempt> attempts, IReadOnlyList<ClassifierInput> inputs, IReadOnlyList<Verdict> verdicts, int parallel, int? sample, CancellationToken cancellationToken)
    {
        var candidates = Enumerable.Range(0, attempts.Count).Where(i => verdicts[i].Compliance != ComplianceLabel.Error).ToArray();
        if (sample is { } n && n < candidates.Length)
        {
            // A fixed seed: the same run and sample size always judge the same answers.
            new Random(20250101).Shuffle(candidates);
            candidates = candidates[..n].Order().ToArray();
        }
        cli.Error.WriteLine($"asking the judge about {candidates.Length} answers");
        int step = Math.Max(1, candidates.Length / 10);
        var progress = new LineProgress(cli.Error);
        var judged = await judge.Judge.JudgeAsync(
            candidates.Select(i => inputs[i]).ToArray(),
            parallel, new SynchronousProgress<int>(count => { if (count % step == 0 || count == candidates.Length) progress.Report($"judged {count}/{candidates.Length}"); }), cancellationToken);
        var agreement = AgreementWithJudge.Compute(judge.Backend.Model.ServedModel ?? judge.ModelId, judge.Backend.Model.Endpoint ?? "",
            candidates.Select(i => verdicts[i]).ToArray(), judged);
        return (candidates.Select((i, k) => (attempts[i].Key, judged[k])).ToArray(), agreement);
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
