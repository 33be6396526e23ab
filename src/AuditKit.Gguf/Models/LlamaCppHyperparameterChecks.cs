using System.Globalization;
using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.Models;

/// <summary>
/// Architecture hyperparameters that llama.cpp does not check but asserts on later (GGML_ASSERT aborts the whole
/// process, exit 134, so no exception can be caught): zero layers, zero heads, a norm epsilon that is not a finite
/// number >= 0, a RoPE width larger than a head, mismatched expert counts. A key that is absent or has a type
/// llama.cpp does not expect is left alone: llama.cpp reports those itself as an ordinary load error. Per-layer
/// arrays (head counts of Deci and OpenELM, where 0 means "no attention in this layer") are left alone too.
/// </summary>
internal static class LlamaCppHyperparameterChecks
{
    /// <summary>
    /// Architectures whose graph builders in llama.cpp (src/models/&lt;arch&gt;.cpp) assert that the key head, the value
    /// head and the RoPE width are all the same size. Others (phi2, stablelm, ...) rotate only part of a head.
    /// </summary>
    private static readonly HashSet<string> RopeSpansWholeHead = new(["llama", "qwen2", "qwen2moe", "qwen3", "qwen3moe"], StringComparer.Ordinal);

    /// <summary>llama.cpp's LLAMA_MAX_LAYERS: it sizes per-layer arrays by it and asserts block_count against it.</summary>
    public const int MaxLayers = 512;

    private static readonly string[] EpsilonKeys = ["attention.layer_norm_rms_epsilon", "attention.layer_norm_epsilon"];

    public static List<string> Find(GgufFile file, string architecture)
    {
        var problems = new List<string>();
        string Key(string name) => architecture + "." + name;
        long? Get(string name) => Integer(file, Key(name));

        if (Get("block_count") is { } layers and (< 1 or > MaxLayers))
            problems.Add($"metadata '{Key("block_count")}' = {layers}, but llama.cpp needs 1 to {MaxLayers} layers (it aborts on it)");
        var embedding = Get("embedding_length");
        if (embedding is < 1)
            problems.Add($"metadata '{Key("embedding_length")}' = {embedding}, but it must be at least 1 (llama.cpp aborts on it)");
        var heads = Get("attention.head_count");
        if (heads is < 1)
            problems.Add($"metadata '{Key("attention.head_count")}' = {heads}, but a model needs at least 1 attention head (llama.cpp aborts on it)");
        var kvHeads = Get("attention.head_count_kv");
        if (kvHeads is < 1)
            problems.Add($"metadata '{Key("attention.head_count_kv")}' = {kvHeads}, but it must be at least 1 (llama.cpp divides by it)");
        else if (kvHeads is { } kv && heads is >= 1 and var h && h % kv != 0)
            problems.Add($"metadata '{Key("attention.head_count_kv")}' = {kv} does not divide '{Key("attention.head_count")}' = {h} (llama.cpp aborts on it)");

        foreach (var name in EpsilonKeys)
            if (Float(file, Key(name)) is { } eps && (!double.IsFinite(eps) || eps < 0))
                problems.Add($"metadata '{Key(name)}' = {eps.ToString(CultureInfo.InvariantCulture)}, but a norm epsilon must be a finite number >= 0 (llama.cpp aborts on it)");

        if (embedding is >= 1 && heads is >= 1)
            CheckHeadSizes(file, architecture, embedding.Value, heads.Value, problems);
        CheckExperts(file, architecture, problems);
        return problems;
    }

    private static void CheckHeadSizes(GgufFile file, string architecture, long embedding, long heads, List<string> problems)
    {
        string Key(string name) => architecture + "." + name;
        var keyLength = Integer(file, Key("attention.key_length"));
        var valueLength = Integer(file, Key("attention.value_length"));
        foreach (var (name, length) in new[] { ("attention.key_length", keyLength), ("attention.value_length", valueLength) })
            if (length is < 1)
            {
                problems.Add($"metadata '{Key(name)}' = {length}, but a head needs at least 1 dimension (llama.cpp aborts on it)");
                return;
            }
        // Without an explicit head size llama.cpp takes embedding_length / head_count and silently drops a remainder.
        if ((keyLength is null || valueLength is null) && embedding % heads != 0)
        {
            problems.Add($"metadata '{Key("embedding_length")}' = {embedding} is not divisible by '{Key("attention.head_count")}' = {heads}");
            return;
        }
        var headK = keyLength ?? embedding / heads;
        var headV = valueLength ?? embedding / heads;
        var headKFrom = keyLength is null ? $"{Key("embedding_length")} {embedding} / {Key("attention.head_count")} {heads}" : $"'{Key("attention.key_length")}'";
        var wholeHead = RopeSpansWholeHead.Contains(architecture);
        if (wholeHead && headK != headV)
            problems.Add($"key heads of {headK} and value heads of {headV} dimensions differ, which llama.cpp's {architecture} graph asserts against");

        var ropeKey = Key("rope.dimension_count");
        if (Integer(file, ropeKey) is not { } rope)
            return;
        if (rope > headK)
            problems.Add($"metadata '{ropeKey}' = {rope} exceeds the head size {headK} ({headKFrom}); llama.cpp aborts on it");
        else if (wholeHead && rope != headK)
            problems.Add($"metadata '{ropeKey}' = {rope}, but llama.cpp's {architecture} graph needs it equal to the head size {headK} ({headKFrom})");
        else if (rope % 2 != 0)
            problems.Add($"metadata '{ropeKey}' = {rope} is odd, but RoPE rotates pairs of dimensions (llama.cpp aborts on it)");
    }

    private static void CheckExperts(GgufFile file, string architecture, List<string> problems)
    {
        var countKey = architecture + ".expert_count";
        var usedKey = architecture + ".expert_used_count";
        var count = Integer(file, countKey);
        var used = Integer(file, usedKey);
        if (count is null && used is null)
            return;
        // llama.cpp asserts 0 < used <= count for a mixture of experts, and used == 0 for a dense model.
        if (count is > 0 && used is null or < 1)
            problems.Add($"metadata '{usedKey}' = {used?.ToString(CultureInfo.InvariantCulture) ?? "(absent)"}, but a model with {count} experts must use at least 1 (llama.cpp aborts on it)");
        else if (count is > 0 && used > count)
            problems.Add($"metadata '{usedKey}' = {used} exceeds '{countKey}' = {count} (llama.cpp aborts on it)");
        else if (count is null or 0 && used is > 0)
            problems.Add($"metadata '{usedKey}' = {used}, but '{countKey}' is {count?.ToString(CultureInfo.InvariantCulture) ?? "absent"} (llama.cpp aborts on it)");
    }

    /// <summary>A scalar integer of any width, or null when the key is absent or holds something else.</summary>
    private static long? Integer(GgufFile file, string key) =>
        file.TryGetValue(key, out var value) && !value.IsArray && value.TryGetInt64(out var number) ? number : null;

    private static double? Float(GgufFile file, string key) =>
        file.TryGetValue(key, out var value) ? value.Raw switch { float f => f, double d => d, _ => null } : null;
}
