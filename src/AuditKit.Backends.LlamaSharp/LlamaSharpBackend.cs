using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using AuditKit.Backends.LlamaSharp.Templates;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Files;
using AuditKit.Gguf.Models;
using LLama;
using LLama.Batched;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace AuditKit.Backends.LlamaSharp;

/// <summary>
/// A local GGUF model through llama.cpp. The model is loaded once; concurrent <see cref="GenerateAsync"/> calls are
/// decoded together by one <see cref="BatchedExecutor"/> (up to <see cref="LlamaSharpOptions.Parallel"/> at a time),
/// which shares a KV cache sized for that many conversations. All native calls happen on one loop task.
/// </summary>
public sealed class LlamaSharpBackend : IModelBackend
{
    private readonly LLamaWeights _weights;
    private readonly BatchedExecutor _executor;
    private readonly ChatTemplateFormatter _template;
    private readonly LlamaSharpOptions _options;
    private readonly Channel<PendingGeneration> _queue = Channel.CreateUnbounded<PendingGeneration>();
    private readonly Task _loop;

    private LlamaSharpBackend(LlamaSharpOptions options, LLamaWeights weights, BatchedExecutor executor, ChatTemplateFormatter template, ModelDescription model)
    {
        _options = options;
        _weights = weights;
        _executor = executor;
        _template = template;
        Model = model;
        _loop = Task.Run(LoopAsync);
    }

    public ModelDescription Model { get; }

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
        BatchedExecutor executor;
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
            executor = new BatchedExecutor(weights, parameters);
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
        return new LlamaSharpBackend(options, weights, executor, template, model);
    }

    public Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var pending = new PendingGeneration(request, _template.Format(request.Messages), cancellationToken);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(LlamaSharpBackend));
        return pending.Completion.Task;
    }

    private async Task LoopAsync()
    {
        var active = new List<ActiveGeneration>();
        while (true)
        {
            while (active.Count < _options.Parallel && _queue.Reader.TryRead(out var pending))
                if (Start(pending) is { } started) active.Add(started);

            if (active.Count == 0)
            {
                if (!await _queue.Reader.WaitToReadAsync()) return;
                continue;
            }

            DecodeResult result;
            try { result = await _executor.Infer(CancellationToken.None); }
            catch (Exception e) { FailAll(active, $"llama.cpp decode failed: {e.Message}"); continue; }
            if (result != DecodeResult.Ok)
            {
                FailAll(active, $"llama.cpp decode failed: {result}");
                continue;
            }

            foreach (var generation in active.ToList())
            {
                if (generation.Pending.CancellationToken.IsCancellationRequested)
                {
                    generation.Dispose();
                    generation.Pending.Completion.TrySetCanceled(generation.Pending.CancellationToken);
                    active.Remove(generation);
                    continue;
                }
                if (!generation.Conversation.RequiresSampling) continue;
                FinishReason? finish;
                try { finish = Step(generation); }
                catch (Exception e)
                {
                    // One failing conversation must not stop the loop: every other caller would wait forever.
                    generation.Dispose();
                    generation.Pending.Completion.TrySetResult(Generation.Failed($"llama.cpp sampling failed: {e.Message}", generation.Pending.Prompt.Text, generation.PromptTokens));
                    active.Remove(generation);
                    continue;
                }
                if (finish is { } reason)
                {
                    generation.Pending.Completion.TrySetResult(generation.Finish(reason));
                    active.Remove(generation);
                }
            }
        }
    }

    private ActiveGeneration? Start(PendingGeneration pending)
    {
        if (pending.CancellationToken.IsCancellationRequested)
        {
            pending.Completion.TrySetCanceled(pending.CancellationToken);
            return null;
        }
        try
        {
            var tokens = _executor.Context.Tokenize(pending.Prompt.Text, addBos: _weights.Vocab.ShouldAddBOS, special: true);
            if (tokens.Length + 1 > _options.ContextSize)
            {
                pending.Completion.TrySetResult(Generation.Failed(
                    $"prompt has {tokens.Length} tokens, more than the context of {_options.ContextSize} allows (raise --context)",
                    pending.Prompt.Text, tokens.Length));
                return null;
            }
            var conversation = _executor.Create();
            conversation.Prompt(tokens);
            var sampler = new AttemptSampler((float)pending.Request.Sampler.Temperature, (float)pending.Request.Sampler.TopP, (uint)pending.Request.Seed);
            var decoder = new StreamingTokenDecoder(Encoding.UTF8, _weights) { DecodeSpecialTokens = true };
            return new ActiveGeneration(pending, conversation, sampler, decoder, tokens.Length);
        }
        catch (Exception e)
        {
            pending.Completion.TrySetResult(Generation.Failed($"llama.cpp could not start the prompt: {e.Message}", pending.Prompt.Text));
            return null;
        }
    }

    /// <summary>Samples one token; returns why generation stopped, or null to continue.</summary>
    private FinishReason? Step(ActiveGeneration g)
    {
        var token = g.Sampler.Sample(_executor.Context.NativeHandle, g.Conversation.GetSampleIndex());
        if (token.IsEndOfGeneration(_weights.Vocab)) return FinishReason.Stop;
        g.Decoder.Add(token);
        g.CompletionTokens++;
        if (g.CompletionTokens >= g.Pending.Request.Sampler.MaxTokens) return FinishReason.Length;
        if (g.PromptTokens + g.CompletionTokens >= _options.ContextSize) return FinishReason.ContextFull;
        g.Conversation.Prompt(token);
        return null;
    }

    private static void FailAll(List<ActiveGeneration> active, string error)
    {
        foreach (var g in active)
        {
            g.Dispose();
            g.Pending.Completion.TrySetResult(Generation.Failed(error, g.Pending.Prompt.Text, g.PromptTokens));
        }
        active.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _executor.Dispose();
        _weights.Dispose();
    }

    private sealed record PendingGeneration(GenerationRequest Request, FormattedPrompt Prompt, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<Generation> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class ActiveGeneration(PendingGeneration pending, Conversation conversation, AttemptSampler sampler, StreamingTokenDecoder decoder, int promptTokens) : IDisposable
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public PendingGeneration Pending { get; } = pending;
        public Conversation Conversation { get; } = conversation;
        public AttemptSampler Sampler { get; } = sampler;
        public StreamingTokenDecoder Decoder { get; } = decoder;
        public int PromptTokens { get; } = promptTokens;
        public int CompletionTokens { get; set; }

        public Generation Finish(FinishReason reason)
        {
            Dispose();
            return new Generation
            {
                PromptAsSent = Pending.Prompt.Text,
                Text = Decoder.Read(),
                StartsInsideReasoning = Pending.Prompt.StartsInsideReasoning,
                PromptTokens = PromptTokens,
                CompletionTokens = CompletionTokens,
                DurationMs = _clock.Elapsed.TotalMilliseconds,
                FinishReason = reason,
            };
        }

        public void Dispose()
        {
            Conversation.Dispose();
            Sampler.Dispose();
        }
    }
}
