namespace AuditKit.Gguf.SmokeModels;

/// <summary>The tiny random-weight models AuditKit can write for itself.</summary>
public enum SmokeModelKind
{
    /// <summary><c>llama</c> architecture with a SentencePiece-style vocabulary and no chat template (like stories260K).</summary>
    Llama,

    /// <summary><c>qwen2</c> architecture, GPT-2 byte-level BPE vocabulary and a Qwen2.5-style ChatML template.</summary>
    Qwen2ChatMl,

    /// <summary><c>qwen2</c> architecture with DeepSeek-R1-Distill-Qwen's special tokens and a template that opens <c>&lt;think&gt;</c>.</summary>
    Qwen2DeepSeekR1,
}
