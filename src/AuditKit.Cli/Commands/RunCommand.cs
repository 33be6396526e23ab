using System.CommandLine;
using System.Globalization;
using AuditKit.Cli.Backends;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;
using AuditKit.Runner;
using AuditKit.Cli.Logging;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit run</c>: asks a model every probe of the chosen suites and stores each answer; reruns resume.</summary>
public static class RunCommand
{
    /// <summary>
    /// Most KV-cache tokens one run may ask for. The backend sizes a single cache for context x parallel tokens;
    /// llama.cpp segfaults instead of failing when a far larger one does not fit (1,048,576 x 64 did).
    /// </summary>
    private const long MaxKvTokens = 1 << 20;

    private const int MaxLocalParallel = 64;
    private const int MaxRemoteParallel = 1024;

    public static Command Create(CliContext cli)
    {
        var options = new Options();
        var command = new Command("run", "Audit a model: ask every probe, store every answer (resumable)");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction((result, ct) => ExecuteAsync(cli, options, result, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, Options o, ParseResult result, CancellationToken ct)
    {
        var sampler = new SamplerSettings(
            OptionRange.Check(result.GetValue(o.Temperature), 0, 2, "--temperature"),
            OptionRange.Check(result.GetValue(o.TopP), 0.01, 1, "--top-p"),
            OptionRange.Check(result.GetValue(o.MaxTokens), 1, 32768, "--max-tokens"),
            result.GetValue(o.Seed));
        int samples = OptionRange.Check(result.GetValue(o.Samples), 1, 1000, "--samples");
        bool remote = result.GetValue(o.Endpoint) is not null;
        // A server fleet behind a router takes hundreds of requests at once; llama.cpp decodes at most a few dozen together.
        int parallel = OptionRange.Check(result.GetValue(o.Parallel), 1, remote ? MaxRemoteParallel : MaxLocalParallel, "--parallel");
        int context = OptionRange.Check(result.GetValue(o.Context), 64, 1 << 20, "--context");
        if (!remote && (long)context * parallel > MaxKvTokens)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--context x --parallel: {context} x {parallel} = {(long)context * parallel} tokens of KV cache, more than the {MaxKvTokens} allowed; lower one of them"));
        int? threads = result.GetValue(o.Threads) is { } requested ? LocalBackendFactory.CheckThreads(requested, "--threads") : null;
        int gpuLayers = result.GetValue(o.GpuLayers);
        if (gpuLayers < 0)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--gpu-layers: {gpuLayers} is negative (0 = no offload; the model's layer count or more, e.g. 999, offloads every layer)"));
        var breakerSettings = new CircuitBreakerSettings(
            OptionRange.Check(result.GetValue(o.FailFastFirst), 0, 1_000_000, "--fail-fast-first"),
            OptionRange.Check(result.GetValue(o.FailFastRate), 0.01, 1, "--fail-fast-rate"),
            OptionRange.Check(result.GetValue(o.FailFastWindow), 0, 100_000, "--fail-fast-window"));
        var languages = ParseLanguages(result.GetValue(o.Languages));

        var catalog = new SuiteCatalog(ToolPaths.Probes());
        var loaded = catalog.Resolve(result.GetValue(o.Suite)!);
        // The verdict of `suites validate`: its errors refuse the run, its warnings do not.
        if (SuiteValidators.Errors(SuiteValidators.Run(loaded)) is { Count: > 0 } problems)
            throw new UserInputException($"{problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "")}; see auditkit suites validate");
        var suites = loaded.Select(s => s.Suite).ToList();

        bool smoke = result.GetValue(o.Model) is null && result.GetValue(o.Endpoint) is null;
        if (smoke)
            cli.Out.WriteLine("No --model given: auditing the built-in smoke model (random weights). This is a pipeline check, not an audit of a real model.");
        var outDir = result.GetValue(o.Out) ?? Path.Combine(ToolPaths.Reports(), $"run-{cli.Clock.GetUtcNow():yyyyMMdd-HHmmss}");

        // Before the run folder exists: a bad key file leaves nothing behind.
        var apiKey = result.GetValue(o.Endpoint) is null ? null
            : EndpointBackendFactory.ReadApiKey("--api-key-env", result.GetValue(o.ApiKeyEnv), "--api-key-file", result.GetValue(o.ApiKeyFile));
        int maxAnswerChars = OptionRange.Check(result.GetValue(o.MaxAnswerChars), AnswerLimits.MinMaxChars, AnswerLimits.MaxMaxChars, "--max-answer-chars");
        bool freshFolder = !Directory.Exists(outDir);
        OutputPaths.WritableFolder(outDir, "--out");
        using var runLock = RunLock.Acquire(outDir);
        var log = new RunLog(outDir, result.GetValue(o.Verbose) ? cli.Error : null, apiKey, cli.Clock);
        using var breaker = new CircuitBreaker(breakerSettings, countsHttpRequests: remote);
        IModelBackend loadedBackend;
        try
        {
            // A local model's name (its file name) is checked for control and bidi characters as it loads, an endpoint's
            // (--model-id) before it is created.
            loadedBackend = CreateBackend(o, result, context, parallel, threads, gpuLayers, apiKey, breaker, log, maxAnswerChars);
        }
        catch when (freshFolder)
        {
            // A bad GGUF or endpoint must not leave behind a run folder holding only its lock and log.
            log.Dispose();
            runLock.Dispose();
            RemoveIfOnlyLockAndLog(outDir);
            throw;
        }
        using var logScope = log;
        await using var backend = loadedBackend;

        var plan = AuditPlan.Build(backend.Model.Name, suites, languages, samples);
        if (plan.Count == 0) throw new UserInputException("--languages: no probe of the selected suites is written in the requested languages");

        var request = new ModelRunRequest(outDir, plan, suites, ProbesAsAsked(catalog, suites), languages ?? plan.Select(p => p.Key.Language).Distinct().ToList(), samples, sampler, parallel,
            smoke, ToolInfo.Version, ToolInfo.GitCommit, ToolInfo.HostFacts(gpuLayers));
        var display = new ProgressDisplay(cli.Error, cli.Interactive, result.GetValue(o.Quiet));
        var modelRun = new ModelRun(backend, cli.Clock, log.CreateLogger<AuditRunner>());
        ModelRunResult finished;
        try
        {
            finished = await display.RunAsync(backend.Model.Name, progress => modelRun.RunAsync(request, breaker, progress, () => log.Warnings, ct));
        }
        catch (OperationCanceledException)
        {
            cli.Error.WriteLine($"Interrupted; stored attempts are kept. Rerun the same command to resume into {TerminalText.Safe(outDir)}.");
            return ExitCodes.Interrupted;
        }
        return RunSummary.Write(cli, finished, outDir, "rerun the same command");
    }

    private static void RemoveIfOnlyLockAndLog(string folder)
    {
        try
        {
            if (Directory.EnumerateFileSystemEntries(folder).All(e => Path.GetFileName(e) is RunLock.FileName or "auditkit.log"))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving the folder is harmless: the error being reported is the one that matters.
        }
    }

    private static IModelBackend CreateBackend(Options o, ParseResult result, int context, int parallel, int? threads, int gpuLayers, string? apiKey,
        CircuitBreaker breaker, RunLog log, int maxAnswerChars)
    {
        if (result.GetValue(o.Endpoint) is { } endpoint)
        {
            if (result.GetValue(o.Model) is not null) throw new UserInputException("--model and --endpoint: give one or the other");
            var modelId = result.GetValue(o.ModelId) ?? throw new UserInputException("--model-id: required with --endpoint");
            return EndpointBackendFactory.Create("--endpoint", endpoint, modelId,
                apiKey, parallel,
                TimeSpan.FromSeconds(OptionRange.Check(result.GetValue(o.RequestTimeout), 1, 3600, "--request-timeout")),
                OptionRange.Check(result.GetValue(o.Retries), 0, 20, "--retries"), result.GetValue(o.AllowInsecure), breaker, log, maxAnswerChars);
        }
        return LocalBackendFactory.Load(result.GetValue(o.Model), context, parallel, threads, gpuLayers, result.GetValue(o.NativeLib), log);
    }

    internal static IReadOnlyList<string>? ParseLanguages(string? value)
    {
        if (value is null) return null;
        var codes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var code in codes)
            if (!LanguageCodes.IsKnown(code))
                throw new UserInputException($"--languages: unknown language code '{TerminalText.Safe(code, 40)}' (use BCP-47 codes such as en, zh-Hans, zh-Hant, hi)");
        // Asking a language twice would store one answer over the other and count it twice.
        return codes.Length == 0 ? throw new UserInputException("--languages: empty list") : [.. codes.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The options of one <c>run</c> command, built afresh for each command tree (an option belongs to one parent).</summary>
    private sealed class Options
    {
        public readonly Option<string?> Model = new("--model") { Description = "GGUF path, ollama:NAME[:TAG] or hf:OWNER/REPO/FILE.gguf (default: the built-in smoke model, a pipeline check)" };
        public readonly Option<string> Suite = new("--suite") { Description = "Suite name(s) or YAML path(s), comma-separated, or 'all'", DefaultValueFactory = _ => "starter" };
        public readonly Option<string?> Out = new("--out") { Description = "Run folder (default: reports/run-<model>-<time>); rerunning into it resumes" };
        public readonly Option<string?> Languages = new("--languages") { Description = "Languages to ask, e.g. en,zh-Hans,zh-Hant (default: every language of each probe)" };
        public readonly Option<int> Samples = new("--samples") { Description = "Answers per probe and language", DefaultValueFactory = _ => 1 };
        public readonly Option<long> Seed = new("--seed") { Description = "Run seed; each attempt derives its own", DefaultValueFactory = _ => SamplerSettings.Default.Seed };
        public readonly Option<double> Temperature = new("--temperature") { Description = "0 = greedy", DefaultValueFactory = _ => SamplerSettings.Default.Temperature };
        public readonly Option<double> TopP = new("--top-p") { DefaultValueFactory = _ => SamplerSettings.Default.TopP };
        public readonly Option<int> MaxTokens = new("--max-tokens") { Description = "Tokens per answer, reasoning included", DefaultValueFactory = _ => SamplerSettings.Default.MaxTokens };
        public readonly Option<int> Context = new("--context") { Description = $"Context tokens per conversation; --context x --parallel is at most {MaxKvTokens}", DefaultValueFactory = _ => 2048 };
        public readonly Option<int?> Threads = new("--threads") { Description = $"CPU threads, 1 to {LocalBackendFactory.ThreadsPerCore} per core (default: llama.cpp's choice)" };
        public readonly Option<int> GpuLayers = new("--gpu-layers") { Description = "Layers to offload to the GPU, 0 or more (needs --native-lib with a GPU build); 0 = none, the model's layer count or more (e.g. 999) = all", DefaultValueFactory = _ => 0 };
        public readonly Option<string?> NativeLib = new("--native-lib") { Description = "Path to a libllama.so built with CUDA or another GPU backend" };
        public readonly Option<int> Parallel = new("--parallel") { Description = $"Attempts in flight: decoded together by a local model (up to {MaxLocalParallel}; the KV cache holds --context tokens for each) or sent at once to --endpoint (up to {MaxRemoteParallel})", DefaultValueFactory = _ => 1 };
        public readonly Option<bool> Quiet = new("--quiet") { Description = "No progress output" };
        public readonly Option<string?> Endpoint = new("--endpoint") { Description = "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (instead of --model)" };
        public readonly Option<string?> ModelId = new("--model-id") { Description = "Model name to request from --endpoint" };
        public readonly Option<string?> ApiKeyEnv = new("--api-key-env") { Description = "Environment variable holding the API key" };
        public readonly Option<string?> ApiKeyFile = new("--api-key-file") { Description = "File holding the API key" };
        public readonly Option<bool> AllowInsecure = new("--allow-insecure") { Description = "Allow plain http:// to a host that is not loopback" };
        public readonly Option<double> RequestTimeout = new("--request-timeout") { Description = "Seconds per HTTP request", DefaultValueFactory = _ => 300 };
        public readonly Option<int> Retries = new("--retries") { Description = "Retries per request on 429, 5xx, timeouts", DefaultValueFactory = _ => 4 };
        public readonly Option<int> MaxAnswerChars = new("--max-answer-chars")
        {
            Description = "Characters kept of an answer and of its reasoning from --endpoint; the rest is not read and the attempt is marked Capped",
            DefaultValueFactory = _ => AnswerLimits.DefaultMaxChars,
        };

        public readonly Option<bool> Verbose = new("--verbose") { Description = "Also print the run log (retries, backend messages) to the console; it always goes to RUN_DIR/auditkit.log" };
        public readonly Option<int> FailFastFirst = new("--fail-fast-first") { Description = "Stop the run when this many requests fail before any succeeds (0 = never)", DefaultValueFactory = _ => CircuitBreakerSettings.Default.FirstFailures };
        public readonly Option<double> FailFastRate = new("--fail-fast-rate") { Description = "Stop the run when this share of the last --fail-fast-window requests failed (1 = only when all did)", DefaultValueFactory = _ => CircuitBreakerSettings.Default.FailureRate };
        public readonly Option<int> FailFastWindow = new("--fail-fast-window") { Description = "Requests the failure share is taken over (0 = never stop on it)", DefaultValueFactory = _ => CircuitBreakerSettings.Default.Window };

        public IEnumerable<Option> All => [Model, Suite, Out, Languages, Samples, Seed, Temperature, TopP, MaxTokens, Context, Threads, GpuLayers, NativeLib, Parallel, Quiet,
            Endpoint, ModelId, ApiKeyEnv, ApiKeyFile, AllowInsecure, RequestTimeout, Retries, MaxAnswerChars, Verbose, FailFastFirst, FailFastRate, FailFastWindow];
    }

    /// <summary>
    /// The probes as a run stores them. A topic's markers are defined in one suite; a suite that only declares the
    /// topic (the starter) takes them from the catalog. Shared by <c>run</c> and <c>audit</c>.
    /// </summary>
    internal static IReadOnlyList<Probe> ProbesAsAsked(SuiteCatalog catalog, IReadOnlyList<Suite> suites) =>
        [.. new TopicMarkers([.. suites, .. CatalogSuites(catalog)]).ProbesAsAsked(suites)];

    /// <summary>The catalog's suites for marker lookup, or none where one does not load (the run's own suites still apply).</summary>
    private static IReadOnlyList<Suite> CatalogSuites(SuiteCatalog catalog)
    {
        try { return catalog.LoadAll().Select(s => s.Suite).ToList(); }
        catch (SuiteFormatException) { return []; }
    }
}
