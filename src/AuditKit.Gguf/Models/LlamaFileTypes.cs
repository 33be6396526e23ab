using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.Models;

/// <summary>
/// Names for <c>general.file_type</c> (llama.cpp's <c>llama_ftype</c>) as llama-quantize and model file names spell
/// them: <c>F16</c>, <c>Q4_K_M</c>, <c>IQ2_XXS</c>.
/// </summary>
public static class LlamaFileTypes
{
    private static readonly Dictionary<uint, string> Names = new()
    {
        [0] = "F32",
        [1] = "F16",
        [2] = "Q4_0",
        [3] = "Q4_1",
        [7] = "Q8_0",
        [8] = "Q5_0",
        [9] = "Q5_1",
        [10] = "Q2_K",
        [11] = "Q3_K_S",
        [12] = "Q3_K_M",
        [13] = "Q3_K_L",
        [14] = "Q4_K_S",
        [15] = "Q4_K_M",
        [16] = "Q5_K_S",
        [17] = "Q5_K_M",
        [18] = "Q6_K",
        [19] = "IQ2_XXS",
        [20] = "IQ2_XS",
        [21] = "Q2_K_S",
        [22] = "IQ3_XS",
        [23] = "IQ3_XXS",
        [24] = "IQ1_S",
        [25] = "IQ4_NL",
        [26] = "IQ3_S",
        [27] = "IQ3_M",
        [28] = "IQ2_S",
        [29] = "IQ2_M",
        [30] = "IQ4_XS",
        [31] = "IQ1_M",
        [32] = "BF16",
        [36] = "TQ1_0",
        [37] = "TQ2_0",
        [38] = "MXFP4_MOE",
    };

    /// <summary>The llama.cpp name of a <c>general.file_type</c> value, or null for an id it does not define.</summary>
    public static string? Name(uint fileType) => Names.GetValueOrDefault(fileType);

    /// <summary>The <c>general.file_type</c> value for a name (e.g. <c>"F16"</c> gives 1), or null.</summary>
    public static uint? Id(string name)
    {
        foreach (var (id, n) in Names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                return id;
        return null;
    }

    /// <summary>
    /// The best guess from the tensor type that holds the most elements, used when the key is absent (llama.cpp
    /// guesses the same way). K-quant mixes cannot be told apart this way, so <c>Q4_K</c> stays <c>Q4_K</c>.
    /// </summary>
    public static string? Infer(IReadOnlyList<GgufTensorInfo> tensors)
    {
        if (tensors.Count == 0)
            return null;
        var dominant = tensors
            .GroupBy(t => t.Type)
            .Select(g => (Type: g.Key, Elements: g.Sum(t => (decimal)t.ElementCount)))
            .OrderByDescending(g => g.Elements)
            .ThenBy(g => (uint)g.Type)
            .First().Type;
        return dominant.ToString();
    }
}
