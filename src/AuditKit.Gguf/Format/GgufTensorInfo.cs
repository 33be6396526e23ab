namespace AuditKit.Gguf.Format;

/// <summary>
/// One tensor's header entry. <see cref="Dimensions"/> are in GGUF order: the first is the contiguous one
/// (ggml's <c>ne[0]</c>). <see cref="Offset"/> is relative to the data section, <see cref="FileOffset"/> absolute.
/// </summary>
public sealed record GgufTensorInfo(
    string Name,
    IReadOnlyList<long> Dimensions,
    GgmlType Type,
    long Offset,
    long FileOffset,
    long ElementCount,
    long ByteSize);
