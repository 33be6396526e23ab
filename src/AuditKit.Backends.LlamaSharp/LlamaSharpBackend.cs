using System.Globalization;
using AuditKit.Backends.LlamaSharp.Decoding;
using AuditKit.Backends.LlamaSharp.Templates;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Files;
using AuditKit.Gguf.Models;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace AuditKit.Backends.LlamaSharp;

/// <summary>
/// A local GGUF model through llama.cpp. The model is loaded once; concurrent <see cref="GenerateAsync"/> calls are
/// decoded together in one batch (up to <see cref="LlamaSharpOptions.Parallel"/> at a time), sharing a KV cache sized
/// for that many conversations. All native calls happen on one dedicated thread (<see cref="BatchedDecodeLoop"/>).
/// </summary>
public sealed class LlamaSharpBackend : IModelBackend
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly ChatTemplateFormatter _template;
    private readonly BatchedDecodeLoop _loop;

    private LlamaSharpBackend(LlamaSharpOptions options, LLamaWeights weights, LLamaContext context, ChatTemplateFormatter template, ModelDescription model)
    {
        _weights = weights;
        _context = context;
        _template = template;
        Model = model;
        _loop = new BatchedDecodeLoop(weights, context, options.Parallel, options.ContextSize);
    }

    public ModelDescription Model { get; }

    /// <summary>The loaded model, for a measurement that must run on the same weights in memory (bench figure a).</summary>
    internal LLamaWeights Weights => _weights;

    /// <summary>The chat template family used to format prompts (recorded in the manifest).</summary>
    public string TemplateFamily => _template.Family;

    /// <summary>Validates the file in managed code, then loads it in llama.cpp.</summary>
    /// <exception cref="Gguf.Format.GgufFormatException">The file is missing, not a GGUF, truncated or of an unsupported architecture.</exception>
    /// <exception cref="ModelLoadException">llama.cpp refused the file or the native library.</exception>
    public static LlamaSharpBackend Load(LlamaSharpOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallel, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ContextSize, 16);
        var info = GgufModelInfo.Load(options.ModelPath);
        LlamaNativeSetup.Configure(logger, options.NativeLibraryPath);

        var parameters = new ModelParams(options.ModelPath)
        {
            ContextSize = (uint)(options.ContextSize * options.Parallel),
            SeqMax = (uint)options.Parallel,
            // A whole prompt must fit one logical batch; llama.cpp splits it into micro-batches itself.
            BatchSize = (uint)Math.Max(512, options.ContextSize),
            UBatchSize = 512,
            GpuLayerCount = options.GpuLayers,
        };
        if (options.Threads is { } threads) { parameters.Threads = threads; parameters.BatchThreads = threads; }

        LLamaWeights weights;
        LLamaContext context;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"{options.ModelPath}: llama.cpp could not load the model: {e.Message}", e);
        }
        try
        {
            context = weights.CreateContext(parameters, logger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            weights.Dispose();
            throw new ModelLoadException($"{options.ModelPath}: llama.cpp could not create a context of {parameters.ContextSize} tokens: {e.Message}", e);
        }

        var template = ChatTemplateFormatter.ForTemplate(info.ChatTemplate);
        var model = new ModelDescription
        {
            Name = Path.GetFileNameWithoutExtension(options.ModelPath),
            Backend = "llama.cpp",
            Path = Path.GetFullPath(options.ModelPath),
            Sha256 = FileHash.Sha256(options.ModelPath),
            SizeBytes = info.FileSize,
            Architecture = info.Architecture,
            FileType = info.FileType,
            ParameterCount = info.ParameterCount,
            TrainingContext = info.TrainingContext,
            ChatTemplateSha256 = info.ChatTemplateSha256,
            ChatTemplateFamily = template.Family,
            Runtime = new Dictionary<string, string>
            {
                ["context"] = options.ContextSize.ToString(CultureInfo.InvariantCulture),
                ["parallel"] = options.Parallel.ToString(CultureInfo.InvariantCulture),
                ["threads"] = options.Threads?.ToString(CultureInfo.InvariantCulture) ?? "auto",
                ["gpu_layers"] = options.GpuLayers.ToString(CultureInfo.InvariantCulture),
                ["native_library"] = options.NativeLibraryPath ?? "bundled LLamaSharp.Backend.Cpu 0.30.0",
            },
        };
        return new LlamaSharpBackend(options, weights, context, template, model);
    }

    public Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken) =>
        _loop.Enqueue(request, _template.Format(request.Messages), cancellationToken);

    public ValueTask DisposeAsync()
    {
        _loop.Dispose();
        _context.Dispose();
        _weights.Dispose();
        return ValueTask.CompletedTask;
    }
}
