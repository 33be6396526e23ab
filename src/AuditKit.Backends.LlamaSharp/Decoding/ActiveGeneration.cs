using System.Diagnostics;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using LLama;
using LLama.Native;

namespace AuditKit.Backends.LlamaSharp.Decoding;

/// <summary>A generation being decoded: its KV-cache sequence, sampler, detokenizer and counts.</summary>
internal sealed class ActiveGeneration(PendingGeneration pending, LLamaSeqId sequence, AttemptSampler sampler, StreamingTokenDecoder decoder, int promptTokens)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PendingGeneration Pending { get; } = pending;
    public LLamaSeqId Sequence { get; } = sequence;
    public AttemptSampler Sampler { get; } = sampler;
    public StreamingTokenDecoder Decoder { get; } = decoder;
    public int PromptTokens { get; } = promptTokens;
    public int CompletionTokens { get; set; }

    /// <summary>Where this generation's logits are in the batch just decoded.</summary>
    public int SampleIndex { get; set; }

    public Generation Finish(FinishReason reason) => new()
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
