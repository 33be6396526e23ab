namespace AuditKit.Gguf.SmokeModels;

/// <summary>A vocabulary ready for the <c>tokenizer.ggml.*</c> keys. Token types use llama.cpp's ids.</summary>
internal sealed record SmokeVocabulary(
    string[] Tokens,
    int[] TokenTypes,
    float[]? Scores,
    string[]? Merges,
    int BosId,
    int EosId,
    int? UnknownId,
    int? PaddingId)
{
    public const int Normal = 1;
    public const int Unknown = 2;
    public const int Control = 3;
    public const int UserDefined = 4;
    public const int Byte = 6;

    /// <summary>Words given their own tokens, so common English and Chinese prompt text does not fall apart into bytes.</summary>
    public static readonly string[] Words =
    [
        "the", "and", "of", "to", "in", "is", "was", "a", "an", "it", "you", "are", "what", "who", "why", "how",
        "hi", "hello", "user", "assistant", "system", "think", "answer", "question", "helpful", "sorry", "cannot",
        "government", "China", "Taiwan", "Tibet", "Tiananmen", "Hong", "Kong", "Xinjiang", "party", "history",
        "中国", "台湾", "你好", "政府", "历史",
    ];

    public int Index(string token) => Array.IndexOf(Tokens, token);
}
