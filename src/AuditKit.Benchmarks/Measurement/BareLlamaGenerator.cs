using AuditKit.Backends.LlamaSharp;
using AuditKit.Backends.LlamaSharp.Templates;
using AuditKit.Core.Backends;
using AuditKit.Gguf.Models;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// The baseline for the generation figures: LLamaSharp with nothing of AuditKit around it. One context, and for each
/// prompt: clear the KV cache, tokenize, decode the prompt, then greedy-sample and decode one token at a time. No
/// batching executor, no queue, no detokenizing, no store. Prompts are formatted with the model's chat template, as
/// the backend formats them, so both sides decode the same tokens.
/// </summary>
public sealed class BareLlamaGenerator : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly ChatTemplateFormatter _template;
    private readonly LLamaBatch _batch = new();
    private readonly bool _ownsWeights;

    private BareLlamaGenerator(LLamaWeights weights, LLamaContext context, ChatTemplateFormatter template, bool ownsWeights)
    {
        _weights = weights;
        _context = context;
        _template = template;
        _ownsWeights = ownsWeights;
    }

    /// <summary>Loads the model and creates a context with the same sizes and threads as <see cref="LlamaSharpBackend"/> at parallel 1.</summary>
    public static BareLlamaGenerator Load(string modelPath, int contextSize, int threads)
    {
        LlamaNativeSetup.Configure(NullLogger.Instance, nativeLibraryPath: null);
        var parameters = Parameters(modelPath, contextSize, threads);
        var weights = LLamaWeights.LoadFromFile(parameters);
        try
        {
            return new BareLlamaGenerator(weights, weights.CreateContext(parameters, NullLogger.Instance), Template(modelPath), ownsWeights: true);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A bare loop with a context of its own over the backend's loaded weights. Two separately loaded copies of one
    /// model decoded up to 6% apart in speed here (the copy loaded later was faster), which would measure memory
    /// placement instead of AuditKit.
    /// </summary>
    public static BareLlamaGenerator SharingWeightsOf(LlamaSharpBackend backend, string modelPath, int contextSize, int threads) =>
        new(backend.Weights, backend.Weights.CreateContext(Parameters(modelPath, contextSize, threads), NullLogger.Instance), Template(modelPath), ownsWeights: false);

    private static ModelParams Parameters(string modelPath, int contextSize, int threads) => new(modelPath)
    {
        ContextSize = (uint)contextSize,
        SeqMax = 1,
        BatchSize = (uint)Math.Max(512, contextSize),
        UBatchSize = 512,
        Threads = threads,
        BatchThreads = threads,
    };

    private static ChatTemplateFormatter Template(string modelPath) => ChatTemplateFormatter.ForTemplate(GgufModelInfo.Load(modelPath).ChatTemplate);

    /// <summary>Generates greedily until end of generation or <paramref name="maxTokens"/>; returns the tokens generated.</summary>
    /// <remarks>Stops exactly where <see cref="LlamaSharpBackend"/> stops, so token counts match on both sides.</remarks>
    public int Generate(string userPrompt, int maxTokens)
    {
        var text = _template.Format([ChatMessage.User(userPrompt)]).Text;
        _context.NativeHandle.MemoryClear(true);
        var tokens = _context.Tokenize(text, addBos: _weights.Vocab.ShouldAddBOS, special: true);
        _batch.Clear();
        _batch.AddRange(tokens, 0, LLamaSeqId.Zero, true);
        Decode();

        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();
        int generated = 0, position = tokens.Length, sampleIndex = _batch.TokenCount - 1;
        while (true)
        {
            var token = sampler.Sample(_context.NativeHandle, sampleIndex);
            if (token.IsEndOfGeneration(_weights.Vocab)) return generated;
            if (++generated >= maxTokens) return generated;
            _batch.Clear();
            _batch.Add(token, position++, LLamaSeqId.Zero, true);
            sampleIndex = 0;
            Decode();
        }
    }

    private void Decode()
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok) throw new InvalidOperationException($"llama.cpp decode failed: {result}");
    }

    public void Dispose()
    {
        _context.Dispose();
        if (_ownsWeights) _weights.Dispose();
    }
}
