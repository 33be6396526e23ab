namespace AuditKit.Classification.Evaluation;

/// <summary>
/// Groups model names by who made the weights, for per-family figures: the Chinese-made families (DeepSeek, Qwen, GLM,
/// Kimi) are where censorship is audited and where the classifier most needs to be right. DeepSeek R1 post-trained by
/// others (R1T Chimera, MAI-DS-R1, R1-1776) is its own group: it keeps R1's style but was trained to answer.
/// </summary>
public static class ModelFamilies
{
    public const string DeepSeek = "deepseek", DeepSeekDerived = "deepseek-derived", Qwen = "qwen", Glm = "glm", Kimi = "kimi", Other = "other";

    /// <summary>The family of an OpenRouter-style name (<c>qwen/qwen3-32b</c>) or a bare one (<c>Qwen3-8B-Q4_K_M.gguf</c>).</summary>
    public static string Of(string? model)
    {
        var name = (model ?? "").ToLowerInvariant();
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var owner = slash < 0 ? "" : name[..slash];
        switch (owner)
        {
            case "deepseek" or "deepseek-ai": return DeepSeek;
            case "qwen" or "alibaba": return Qwen;
            case "thudm" or "zhipuai" or "z-ai" or "zai-org": return Glm;
            case "moonshotai": return Kimi;
        }
        if (owner.Length > 0 && (name.Contains("deepseek", StringComparison.Ordinal) || name.Contains("r1-1776", StringComparison.Ordinal) || name.Contains("mai-ds-r1", StringComparison.Ordinal)))
            return DeepSeekDerived;
        // A bare name: checked in this order because DeepSeek's distills carry their base's name (DeepSeek-R1-Distill-Qwen-7B).
        if (name.Contains("deepseek", StringComparison.Ordinal)) return DeepSeek;
        if (name.Contains("qwen", StringComparison.Ordinal) || name.Contains("qwq", StringComparison.Ordinal)) return Qwen;
        if (name.Contains("glm", StringComparison.Ordinal)) return Glm;
        if (name.Contains("kimi", StringComparison.Ordinal) || name.Contains("moonshot", StringComparison.Ordinal)) return Kimi;
        return Other;
    }
}
