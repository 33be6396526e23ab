using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using AuditKit.Backends.LlamaSharp;
using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.Cli.Backends;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Runs;
using AuditKit.Core.Suites;
using AuditKit.Core.Text;
using AuditKit.Gguf.SmokeModels;
using AuditKit.Probes.Catalog;
using AuditKit.Probes.Loading;
using AuditKit.Probes.Validation;
using AuditKit.Runner;
using AuditKit.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit run</c>: asks a model every probe of the chosen suites and stores each answer; reruns resume.</summary>
public static class RunCommand
{
    private static readonly Option<string?> Model = new("--model") { Description = "GGUF path, ollama:NAME[:TAG] or hf:OWNER/REPO/FILE.gguf (default: the built-in smoke model, a pipeline check)" };
    private static readonly Option<string> Suite = new("--suite") { Description = "Suite name(s) or YAML path(s), comma-separated, or 'all'", DefaultValueFactory = _ => "starter" };
    private static readonly Option<string?> Out = new("--out") { Description = "Run folder (default: reports/run-<model>-<time>); rerunning into it resumes" };
    private static readonly Option<string?> Languages = new("--languages") { Description = "Languages to ask, e.g. en,zh-Hans,zh-Hant (default: every language of each probe)" };
    private static readonly Option<int> Samples = new("--samples") { Description = "Answers per probe and language", DefaultValueFactory = _ => 1 };
    private static readonly Option<long> Seed = new("--seed") { Description = "Run seed; each attempt derives its own", DefaultValueFactory = _ => SamplerSettings.Default.Seed };
    private static readonly Option<double> Temperature = new("--temperature") { Description = "0 = greedy", DefaultValueFactory = _ => SamplerSettings.Default.Temperature };
    private static readonly Option<double> TopP = new("--top-p") { DefaultValueFactory = _ => SamplerSettings.Default.TopP };
    private static readonly Option<int> MaxTokens = new("--max-tokens") { Description = "Tokens per answer, reasoning included", DefaultValueFactory = _ => SamplerSettings.Default.MaxTokens };
    private static readonly Option<int> Context = new("--context") { Description = $"Context tokens per conversation; --context x --parallel is at most {MaxKvTokens}", DefaultValueFactory = _ => 2048 };
    private static readonly Option<int?> Threads = new("--threads") { Description = $"CPU threads, 1 to {ThreadsPerCore} per core (default: llama.cpp's choice)" };
    private static readonly Option<int> GpuLayers = new("--gpu-layers") { Description = "Layers to offload to the GPU, 0 or more (needs --native-lib with a GPU build); 0 = none, the model's layer count or more (e.g. 999) = all", DefaultValueFactory = _ => 0 };
    private static readonly Option<string?> NativeLib = new("--native-lib") { Description = "Path to a libllama.so built with CUDA or another GPU backend" };
    private static readonly Option<int> Parallel = new("--parallel") { Description = "Attempts decoded together; the KV cache holds --context tokens for each", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "No progress output" };
    private static readonly Option<string?> Endpoint = new("--endpoint") { Description = "OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (instead of --model)" };
    private static readonly Option<string?> ModelId = new("--model-id") { Description = "Model name to request from --endpoint" };
    private static readonly Option<string?> ApiKeyEnv = new("--api-key-env") { Description = "Environment variable holding the API key" };
    private static readonly Option<string?> ApiKeyFile = new("--api-key-file") { Description = "File holding the API key" };
    private static readonly Option<bool> AllowInsecure = new("--allow-insecure") { Description = "Allow plain http:// to a host that is not loopback" };
    private static readonly Option<double> RequestTimeout = new("--request-timeout") { Description = "Seconds per HTTP request", DefaultValueFactory = _ => 300 };
    private static readonly Option<int> Retries = new("--retries") { Description = "Retries per request on 429, 5xx, timeouts", DefaultValueFactory = _ => 4 };
    private static readonly Option<int> MaxAnswerChars = new("--max-answer-chars")
    {
        Description = "Characters kept of an answer and of its reasoning from --endpoint; the rest is not read and the attempt is marked Capped",
        DefaultValueFactory = _ => AnswerLimits.DefaultMaxChars,
    };

    /// <summary>
    /// Most KV-cache tokens one run may ask for. The backend sizes a single cache for context x parallel tokens;
    /// llama.cpp segfaults instead of failing when a far larger one does not fit (1,048,576 x 64 did).
    /// </summary>
    private const long MaxKvTokens = 1 << 20;

    /// <summary>More threads than this per core only adds contention; far more overflowed llama.cpp's stack (100,000) or hung (257 on 2 cores).</summary>
    private const int ThreadsPerCore = 4;

    public static Command Create(CliContext cli)
    {
        var command = new Command("run", "Audit a model: ask every probe, store every answer (resumable)")
        {
            Model, Suite, Out, Languages, Samples, Seed, Temperature, TopP, MaxTokens, Context, Threads, GpuLayers, NativeLib, Parallel, Quiet,
            Endpoint, ModelId, ApiKeyEnv, ApiKeyFile, AllowInsecure, RequestTimeout, Retries, MaxAnswerChars,
        };
        command.SetAction((result, ct) => ExecuteAsync(cli, result, ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CliContext cli, ParseResult result, CancellationToken ct)
    {
        var sampler = new SamplerSettings(
            OptionRange.Check(result.GetValue(Temperature), 0, 2, "--temperature"),
            OptionRange.Check(result.GetValue(TopP), 0.01, 1, "--top-p"),
            OptionRange.Check(result.GetValue(MaxTokens), 1, 32768, "--max-tokens"),
            result.GetValue(Seed));
        int samples = OptionRange.Check(result.GetValue(Samples), 1, 1000, "--samples");
        int parallel = OptionRange.Check(result.GetValue(Parallel), 1, 64, "--parallel");
        int context = OptionRange.Check(result.GetValue(Context), 64, 1 << 20, "--context");
        if ((long)context * parallel > MaxKvTokens)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--context x --parallel: {context} x {parallel} = {(long)context * parallel} tokens of KV cache, more than the {MaxKvTokens} allowed; lower one of them"));
        int? threads = result.GetValue(Threads) is { } requested ? CheckThreads(requested) : null;
        int gpuLayers = result.GetValue(GpuLayers);
        if (gpuLayers < 0)
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--gpu-layers: {gpuLayers} is negative (0 = no offload; the model's layer count or more, e.g. 999, offloads every layer)"));
        var languages = ParseLanguages(result.GetValue(Languages));

        var catalog = new SuiteCatalog(ToolPaths.Probes());
        var loadedSuites = catalog.Resolve(result.GetValue(Suite)!);
        // The verdict of `suites validate`: its errors refuse the run, its warnings do not.
        if (SuiteValidators.Errors(SuiteValidators.Run(loadedSuites)) is { Count: > 0 } problems)
            throw new UserInputException($"{problems[0]}{(problems.Count > 1 ? $" (and {problems.Count - 1} more)" : "")}; see auditkit suites validate");
        var suites = loadedSuites.Select(s => s.Suite).ToList();

        bool smoke = result.GetValue(Model) is null && result.GetValue(Endpoint) is null;
        if (smoke)
            cli.Out.WriteLine("No --model given: auditing the built-in smoke model (random weights). This is a pipeline check, not an audit of a real model.");
        var outDir = result.GetValue(Out) ?? Path.Combine(ToolPaths.Reports(), $"run-{cli.Clock.GetUtcNow():yyyyMMdd-HHmmss}");

        // Before the run folder exists: a bad key file leaves nothing behind.
        var apiKey = result.GetValue(Endpoint) is null ? null
            : EndpointBackendFactory.ReadApiKey("--api-key-env", result.GetValue(ApiKeyEnv), "--api-key-file", result.GetValue(ApiKeyFile));
        int maxAnswerChars = OptionRange.Check(result.GetValue(MaxAnswerChars), AnswerLimits.MinMaxChars, AnswerLimits.MaxMaxChars, "--max-answer-chars");
        bool freshFolder = !Directory.Exists(outDir);
        OutputPaths.WritableFolder(outDir, "--out");
        using var runLock = RunLock.Acquire(outDir);
        IModelBackend loaded;
        try
        {
            loaded = CreateBackend(result, context, parallel, threads, gpuLayers, apiKey, maxAnswerChars);
            // The name keys every attempt and is printed in every report: a bidi override would show another model.
            if (UnsafeCharacters.FirstIn(loaded.Model.Name) is { } character)
            {
                await loaded.DisposeAsync();
                throw new UserInputException($"--model: the model name '{TerminalText.Safe(loaded.Model.Name, 80)}' contains a control or bidirectional character ({character}); rename the file");
            }
        }
        catch when (freshFolder)
        {
            // A bad GGUF or endpoint must not leave behind a run folder holding only its lock.
            runLock.Dispose();
            RemoveIfOnlyLock(outDir);
            throw;
        }
        await using var backend = loaded;

        var plan = AuditPlan.Build(backend.Model.Name, suites, languages, samples);
        if (plan.Count == 0) throw new UserInputException("--languages: no probe of the selected suites is written in the requested languages");

        using var store = RunStore.Open(outDir, create: true);
        var manifest = store.InitializeOrVerify(new RunManifest
        {
            RunId = Guid.NewGuid().ToString("N")[..12],
            Model = backend.Model,
            Sampler = sampler,
            Suites = suites.Select(s => new SuiteReference(s.Id, s.Version, s.ContentHash, s.SourcePath)).ToList(),
            Languages = languages ?? plan.Select(p => p.Key.Language).Distinct().ToList(),
            Samples = samples,
            ToolVersion = ToolInfo.Version,
            GitCommit = ToolInfo.GitCommit,
            Host = HostFacts(result),
            StartedAt = cli.Clock.GetUtcNow(),
            IsSmokeTest = smoke,
        });
        // A topic's markers are defined in one suite; a suite that only declares the topic (the starter) takes them from the catalog.
        store.SaveProbes(new TopicMarkers([.. suites, .. CatalogSuites(catalog)]).ProbesAsAsked(suites));

        var display = new ProgressDisplay(cli.Error, cli.Interactive, result.GetValue(Quiet));
        var runner = new AuditRunner(backend, store, cli.Clock);
        RunOutcome outcome;
        try
        {
            outcome = await display.RunAsync(backend.Model.Name, progress => runner.RunAsync(plan, sampler, parallel, progress, ct));
        }
        catch (OperationCanceledException)
        {
            cli.Error.WriteLine($"Interrupted; stored attempts are kept. Rerun the same command to resume into {TerminalText.Safe(outDir)}.");
            return ExitCodes.Interrupted;
        }
        // Remote servers report the model they actually served only once they have answered.
        store.WriteManifest(manifest with { FinishedAt = cli.Clock.GetUtcNow(), Model = manifest.Model with { ServedModel = backend.Model.ServedModel } });

        cli.Out.WriteLine($"Stored {outcome.AlreadyStored + outcome.Succeeded}/{outcome.Expected} attempts in {TerminalText.Safe(outDir)}" +
                          (outcome.AlreadyStored > 0 ? $" ({outcome.AlreadyStored} from an earlier run)" : ""));
        if (outcome.Failed > 0)
        {
            cli.Out.WriteLine($"{outcome.Failed} attempts failed and are stored with their error; rerun the same command to retry them.");
            return ExitCodes.FailedAttempts;
        }
        return ExitCodes.Success;
    }

    private static void RemoveIfOnlyLock(string folder)
    {
        try
        {
            if (Directory.EnumerateFileSystemEntries(folder).All(e => Path.GetFileName(e) == RunLock.FileName))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Leaving the folder is harmless: the error being reported is the one that matters.
        }
    }

    private static IModelBackend CreateBackend(ParseResult result, int context, int parallel, int? threads, int gpuLayers, string? apiKey, int maxAnswerChars)
    {
        if (result.GetValue(Endpoint) is { } endpoint)
        {
            if (result.GetValue(Model) is not null) throw new UserInputException("--model and --endpoint: give one or the other");
            var modelId = result.GetValue(ModelId) ?? throw new UserInputException("--model-id: required with --endpoint");
            return EndpointBackendFactory.Create("--endpoint", endpoint, modelId,
                apiKey, parallel,
                TimeSpan.FromSeconds(OptionRange.Check(result.GetValue(RequestTimeout), 1, 3600, "--request-timeout")),
                OptionRange.Check(result.GetValue(Retries), 0, 20, "--retries"), result.GetValue(AllowInsecure), maxAnswerChars);
        }

        var modelPath = result.GetValue(Model) is { } reference
            ? new ModelResolver(ModelStores.FromEnvironment()).Resolve(reference)
            : SmokeModelFactory.EnsureSmokeModel(ToolPaths.SmokeModels(), SmokeModelKind.Qwen2ChatMl);
        return LlamaSharpBackend.Load(
            new LlamaSharpOptions(modelPath, context, parallel, threads, gpuLayers, result.GetValue(NativeLib)),
            NullLogger.Instance);
    }

    private static IReadOnlyList<string>? ParseLanguages(string? value)
    {
        if (value is null) return null;
        var codes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var code in codes)
            if (!LanguageCodes.IsKnown(code))
                throw new UserInputException($"--languages: unknown language code '{TerminalText.Safe(code, 40)}' (use BCP-47 codes such as en, zh-Hans, zh-Hant, hi)");
        // Asking a language twice would store one answer over the other and count it twice.
        return codes.Length == 0 ? throw new UserInputException("--languages: empty list") : [.. codes.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static int CheckThreads(int threads)
    {
        var cores = Environment.ProcessorCount;
        var max = ThreadsPerCore * cores; // at least 4: ProcessorCount is never below 1
        return threads >= 1 && threads <= max ? threads
            : throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--threads: {threads} is outside 1..{max} on this machine ({max} = {ThreadsPerCore} x {cores} cores)"));
    }

    private static Dictionary<string, string> HostFacts(ParseResult result) => new()
    {
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["cpu_count"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["gpu_offload"] = result.GetValue(GpuLayers) > 0 ? $"{result.GetValue(GpuLayers)} layers" : "none",
    };

    /// <summary>The catalog's suites for marker lookup, or none where one does not load (the run's own suites still apply).</summary>
    private static IReadOnlyList<Core.Suites.Suite> CatalogSuites(SuiteCatalog catalog)
    {
        try { return catalog.LoadAll().Select(s => s.Suite).ToList(); }
        catch (SuiteFormatException) { return []; }
    }
}
