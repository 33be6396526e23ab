using System.Diagnostics.CodeAnalysis;

namespace AuditKit.Gguf.Format;

/// <summary>
/// A validated GGUF header: metadata and tensor layout, without tensor data. Produced by <see cref="GgufReader"/>.
/// Typed accessors return null when a key is absent and throw <see cref="GgufFormatException"/> when it is present
/// with a type a model loader would not accept.
/// </summary>
public sealed class GgufFile
{
    public GgufFile(
        string filePath,
        uint version,
        IReadOnlyList<string> metadataKeys,
        IReadOnlyDictionary<string, GgufValue> metadata,
        IReadOnlyList<GgufTensorInfo> tensors,
        uint alignment,
        long dataOffset,
        long fileSize)
    {
        FilePath = filePath;
        Version = version;
        MetadataKeys = metadataKeys;
        Metadata = metadata;
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        FileSize = fileSize;
    }

    /// <summary>The path (or stream name) the file was read from; used in error messages.</summary>
    public string FilePath { get; }

    /// <summary>GGUF version: 2 or 3.</summary>
    public uint Version { get; }

    /// <summary>Metadata keys in file order.</summary>
    public IReadOnlyList<string> MetadataKeys { get; }

    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>Tensor infos in file order (which is also data order).</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    /// <summary>Alignment of the data section and of every tensor, in bytes (<c>general.alignment</c>, default 32).</summary>
    public uint Alignment { get; }

    /// <summary>Absolute byte offset where the tensor data section starts.</summary>
    public long DataOffset { get; }

    /// <summary>File size in bytes.</summary>
    public long FileSize { get; }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out GgufValue value) => Metadata.TryGetValue(key, out value);

    /// <summary>A string value, or null when absent.</summary>
    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        { Type: GgufValueType.String } v => v.AsString(),
        var v => throw WrongType(key, v, "a string"),
    };

    /// <summary>An integer value of any width that is not negative, or null when absent.</summary>
    public ulong? GetUInt64(string key) => Get(key) switch
    {
        null => null,
        var v when v.TryGetUInt64(out var u) => u,
        var v => throw WrongType(key, v, "a non-negative integer"),
    };

    /// <summary>An integer value that fits 32 bits unsigned, or null when absent.</summary>
    public uint? GetUInt32(string key) => GetUInt64(key) switch
    {
        null => null,
        <= uint.MaxValue and var u => (uint)u,
        var u => throw new GgufFormatException(FilePath, $"metadata '{key}' = {u} does not fit 32 bits"),
    };

    /// <summary>A string array, or null when absent.</summary>
    public IReadOnlyList<string>? GetStringArray(string key) => Get(key) switch
    {
        null => null,
        { Raw: string[] strings } => strings,
        var v => throw WrongType(key, v, "an array of strings"),
    };

    private GgufValue? Get(string key) => Metadata.TryGetValue(key, out var v) ? v : null;

    private GgufFormatException WrongType(string key, GgufValue value, string expected) =>
        new(FilePath, $"metadata '{key}' is {value.Describe()}, expected {expected}");
}
