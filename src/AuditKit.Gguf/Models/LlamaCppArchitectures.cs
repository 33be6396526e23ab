namespace AuditKit.Gguf.Models;

/// <summary>
/// Values of <c>general.architecture</c> that the llama.cpp bundled with LLamaSharp 0.30.0 (b6000-era, mid-2025)
/// loads as text-generation models and that audit users actually bring. Deliberately a short explicit list:
/// llama.cpp knows more (embedding models, RWKV, Mamba, T5, vision towers), but those either are not chat models
/// or were not checked. Mistral, Mixtral, Yi and most fine-tunes use <c>llama</c>; DeepSeek-R1-Distill-Qwen uses
/// <c>qwen2</c> and DeepSeek-R1-Distill-Llama <c>llama</c>; DeepSeek V2/V3/R1 use <c>deepseek2</c>.
/// </summary>
public static class LlamaCppArchitectures
{
    public static IReadOnlyList<string> Supported { get; } =
    [
        "llama", "llama4", "deci",
        "qwen", "qwen2", "qwen2moe", "qwen3", "qwen3moe",
        "deepseek", "deepseek2",
        "gemma", "gemma2", "gemma3",
        "phi2", "phi3", "phimoe",
        "command-r", "cohere2",
        "chatglm", "glm4",
        "internlm2",
        "granite", "granitemoe",
        "olmo", "olmo2", "olmoe",
        "exaone",
        "minicpm", "minicpm3",
        "baichuan",
        "stablelm",
        "starcoder2",
        "falcon",
        "nemotron",
        "bailingmoe",
    ];

    private static readonly HashSet<string> Set = new(Supported, StringComparer.Ordinal);

    public static bool IsSupported(string? architecture) => architecture is not null && Set.Contains(architecture);
}
