namespace AuditKit.Gguf.Format;

/// <summary>
/// How ggml packs each tensor type: elements per block and bytes per block (ggml's <c>blck_size</c> and
/// <c>type_size</c>). A tensor's first dimension must be a whole number of blocks.
/// </summary>
public static class GgmlTypeLayout
{
    private static readonly Dictionary<GgmlType, (int BlockSize, int TypeSize)> Layouts = new()
    {
        [GgmlType.F32] = (1, 4),
        [GgmlType.F16] = (1, 2),
        [GgmlType.Q4_0] = (32, 18),
        [GgmlType.Q4_1] = (32, 20),
        [GgmlType.Q5_0] = (32, 22),
        [GgmlType.Q5_1] = (32, 24),
        [GgmlType.Q8_0] = (32, 34),
        [GgmlType.Q8_1] = (32, 36),
        [GgmlType.Q2_K] = (256, 84),
        [GgmlType.Q3_K] = (256, 110),
        [GgmlType.Q4_K] = (256, 144),
        [GgmlType.Q5_K] = (256, 176),
        [GgmlType.Q6_K] = (256, 210),
        [GgmlType.Q8_K] = (256, 292),
        [GgmlType.IQ2_XXS] = (256, 66),
        [GgmlType.IQ2_XS] = (256, 74),
        [GgmlType.IQ3_XXS] = (256, 98),
        [GgmlType.IQ1_S] = (256, 50),
        [GgmlType.IQ4_NL] = (32, 18),
        [GgmlType.IQ3_S] = (256, 110),
        [GgmlType.IQ2_S] = (256, 82),
        [GgmlType.IQ4_XS] = (256, 136),
        [GgmlType.I8] = (1, 1),
        [GgmlType.I16] = (1, 2),
        [GgmlType.I32] = (1, 4),
        [GgmlType.I64] = (1, 8),
        [GgmlType.F64] = (1, 8),
        [GgmlType.IQ1_M] = (256, 56),
        [GgmlType.BF16] = (1, 2),
        [GgmlType.TQ1_0] = (256, 54),
        [GgmlType.TQ2_0] = (256, 66),
        [GgmlType.MXFP4] = (32, 17),
    };

    /// <summary>True for a type id that current ggml reads (not retired, not unknown).</summary>
    public static bool IsKnown(GgmlType type) => Layouts.ContainsKey(type);

    /// <summary>Elements per block and bytes per block; false for an unknown or retired id.</summary>
    public static bool TryGetLayout(GgmlType type, out int blockSize, out int typeSize)
    {
        if (Layouts.TryGetValue(type, out var layout))
        {
            (blockSize, typeSize) = layout;
            return true;
        }
        blockSize = typeSize = 0;
        return false;
    }

    /// <summary>
    /// Bytes a tensor of <paramref name="elementCount"/> elements occupies (without alignment padding).
    /// Throws <see cref="ArgumentException"/> for an unknown type or a count that is not a whole number of blocks.
    /// </summary>
    public static long ByteSize(GgmlType type, long elementCount)
    {
        if (!TryGetLayout(type, out var blockSize, out var typeSize))
            throw new ArgumentException($"unknown ggml type {(uint)type}", nameof(type));
        if (elementCount < 0 || elementCount % blockSize != 0)
            throw new ArgumentException($"{elementCount} elements is not a whole number of {type} blocks of {blockSize}", nameof(elementCount));
        return checked(elementCount / blockSize * typeSize);
    }
}
