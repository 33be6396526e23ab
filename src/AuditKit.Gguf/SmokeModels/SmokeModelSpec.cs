using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.SmokeModels;

/// <summary>
/// Shape of a smoke model. <see cref="VocabSize"/> is a target: the vocabulary is filled up to it, but never below the
/// 256 byte tokens plus the words and special tokens the kind needs.
/// </summary>
public sealed record SmokeModelSpec
{
    public required SmokeModelKind Kind { get; init; }
    public required int EmbeddingLength { get; init; }
    public required int LayerCount { get; init; }
    public required int HeadCount { get; init; }
    public required int KvHeadCount { get; init; }
    public required int FeedForwardLength { get; init; }
    public required int VocabSize { get; init; }

    /// <summary>Training context written as <c>&lt;arch&gt;.context_length</c>, in tokens.</summary>
    public required int ContextLength { get; init; }

    /// <summary>F32 or F16 for the matrices; norms and biases are always F32.</summary>
    public required GgmlType WeightType { get; init; }

    /// <summary>Seed of the weights; the same spec always gives the same bytes.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The default: about 0.5 MB, loads and generates in milliseconds.</summary>
    public static SmokeModelSpec Tiny(SmokeModelKind kind) => new()
    {
        Kind = kind,
        EmbeddingLength = 64,
        LayerCount = 2,
        HeadCount = 4,
        KvHeadCount = 2,
        FeedForwardLength = 128,
        VocabSize = 512,
        ContextLength = 4096,
        WeightType = GgmlType.F32,
        Seed = 20250101,
    };

    /// <summary>
    /// About 100M parameters in F16 (about 200 MB): big enough that batching matters in a throughput benchmark.
    /// Write it once into a scratch folder; never in unit tests.
    /// </summary>
    public static SmokeModelSpec Benchmark100M(SmokeModelKind kind) => new()
    {
        Kind = kind,
        EmbeddingLength = 768,
        LayerCount = 10,
        HeadCount = 12,
        KvHeadCount = 4,
        FeedForwardLength = 1536,
        VocabSize = 32000,
        ContextLength = 4096,
        WeightType = GgmlType.F16,
        Seed = 20250101,
    };

    /// <summary>Throws <see cref="ArgumentException"/> for a shape llama.cpp would reject.</summary>
    public void Validate()
    {
        if (EmbeddingLength <= 0 || LayerCount <= 0 || HeadCount <= 0 || KvHeadCount <= 0 || FeedForwardLength <= 0 || ContextLength <= 0)
            throw new ArgumentException("every size of a smoke model must be positive");
        if (EmbeddingLength % HeadCount != 0 || (EmbeddingLength / HeadCount) % 2 != 0)
            throw new ArgumentException($"embedding length {EmbeddingLength} must split into {HeadCount} heads of an even size (RoPE rotates pairs)");
        if (HeadCount % KvHeadCount != 0)
            throw new ArgumentException($"head count {HeadCount} must be a multiple of the KV head count {KvHeadCount}");
        if (WeightType is not (GgmlType.F32 or GgmlType.F16))
            throw new ArgumentException("smoke models are written in F32 or F16");
    }
}
