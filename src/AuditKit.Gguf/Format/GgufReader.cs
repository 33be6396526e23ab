using System.Globalization;
using System.Text;

namespace AuditKit.Gguf.Format;

/// <summary>
/// Reads and validates a GGUF header in managed code, so a corrupt or truncated file gets a one-line
/// <see cref="GgufFormatException"/> instead of a native crash inside llama.cpp. Tensor data is never read:
/// only its extent is checked against the file size. The checks follow what llama.cpp's own loader demands
/// (versions 2 and 3, known types, at most 4 dimensions, names under 64 bytes, tensors laid out in order with
/// <c>general.alignment</c> padding).
/// </summary>
public static class GgufReader
{
    /// <summary>Longest string accepted (a chat template is a few KB; this only stops absurd lengths).</summary>
    public const long MaxStringBytes = 64L * 1024 * 1024;

    /// <summary>Most elements accepted in one metadata array (the largest vocabularies have about 260k tokens).</summary>
    public const long MaxArrayElements = 16L * 1024 * 1024;

    /// <summary>Deepest nesting of arrays of arrays accepted.</summary>
    public const int MaxArrayDepth = 8;

    /// <summary>ggml's GGML_MAX_NAME is 64 bytes including the terminating zero.</summary>
    public const int MaxTensorNameBytes = 63;

    public const int MaxDimensions = 4;

    public const uint DefaultAlignment = 32;

    private static readonly byte[] Magic = "GGUF"u8.ToArray();

    /// <summary>Reads and validates the file at <paramref name="path"/>. Throws only <see cref="GgufFormatException"/>.</summary>
    public static GgufFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new GgufFormatException(path, $"cannot open: {e.Message}", e);
        }
        using (stream)
        {
            long length;
            try { length = stream.Length; }
            catch (IOException e) { throw new GgufFormatException(path, $"cannot read: {e.Message}", e); }
            return Read(stream, length, path);
        }
    }

    /// <summary>
    /// Reads a GGUF header from <paramref name="stream"/>, whose current position is the file's first byte and which
    /// holds <paramref name="length"/> bytes from there. <paramref name="filePath"/> names the file in messages.
    /// Throws only <see cref="GgufFormatException"/>.
    /// </summary>
    public static GgufFile Read(Stream stream, long length, string filePath)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(filePath);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        var cursor = new GgufByteCursor(stream, length, filePath);
        var version = ReadHeader(cursor);
        var tensorCount = cursor.ReadUInt64("tensor count");
        var kvCount = cursor.ReadUInt64("metadata count");

        // The smallest metadata entry is 13 bytes (empty key, type, one-byte value); the smallest tensor info 32.
        if (kvCount > (ulong)cursor.Remaining / 13)
            throw cursor.Fail($"truncated or corrupt: the header claims {kvCount} metadata entries, which cannot fit in the {cursor.Remaining} bytes after it");
        if (tensorCount > (ulong)cursor.Remaining / 32)
            throw cursor.Fail($"truncated or corrupt: the header claims {tensorCount} tensors, which cannot fit in the {cursor.Remaining} bytes after it");

        var keys = new List<string>((int)kvCount);
        var metadata = new Dictionary<string, GgufValue>((int)kvCount, StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var keyAt = cursor.Position;
            var key = cursor.ReadString($"metadata key #{i}", MaxStringBytes);
            var typeId = cursor.ReadUInt32($"type of metadata '{key}'");
            var value = ReadValue(cursor, typeId, $"metadata '{key}'", depth: 0);
            if (!metadata.TryAdd(key, value))
                throw cursor.Fail($"duplicate metadata key '{key}' at byte {keyAt}");
            keys.Add(key);
        }

        var alignment = ReadAlignment(cursor, metadata);
        var tensors = ReadTensorInfos(cursor, tensorCount);
        var dataOffset = AlignUp(cursor.Position, alignment);
        var placed = PlaceTensors(cursor, tensors, alignment, dataOffset);
        return new GgufFile(filePath, version, keys, metadata, placed, alignment, dataOffset, length);
    }

    private static uint ReadHeader(GgufByteCursor cursor)
    {
        if (cursor.Length == 0)
            throw cursor.Fail("empty file (0 bytes), not a GGUF model");
        if (cursor.Length < 4)
            throw cursor.Fail($"not a GGUF file (only {cursor.Length} bytes)");
        Span<byte> magic = stackalloc byte[4];
        for (var i = 0; i < 4; i++)
            magic[i] = cursor.ReadByte("magic");
        if (!magic.SequenceEqual(Magic))
            throw cursor.Fail($"not a GGUF file (magic '{Printable(magic)}')");
        var version = cursor.ReadUInt32("version");
        if (version is 2 or 3)
            return version;
        if (version == 1)
            throw cursor.Fail("GGUF version 1 is not supported (llama.cpp reads versions 2 and 3; re-convert the model)");
        if ((version & 0xFFFF) == 0 && System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(version) is 2 or 3)
            throw cursor.Fail("big-endian GGUF is not supported on this little-endian machine");
        throw cursor.Fail($"unsupported GGUF version {version} (llama.cpp reads versions 2 and 3)");
    }

    private static GgufValue ReadValue(GgufByteCursor cursor, uint typeId, string what, int depth)
    {
        switch ((GgufValueType)typeId)
        {
            case GgufValueType.UInt8: return GgufValue.FromUInt8(cursor.ReadByte(what));
            case GgufValueType.Int8: return GgufValue.FromInt8(unchecked((sbyte)cursor.ReadByte(what)));
            case GgufValueType.UInt16: return GgufValue.FromUInt16(cursor.ReadUInt16(what));
            case GgufValueType.Int16: return GgufValue.FromInt16(unchecked((short)cursor.ReadUInt16(what)));
            case GgufValueType.UInt32: return GgufValue.FromUInt32(cursor.ReadUInt32(what));
            case GgufValueType.Int32: return GgufValue.FromInt32(unchecked((int)cursor.ReadUInt32(what)));
            case GgufValueType.Float32: return GgufValue.FromFloat32(cursor.ReadFloat32(what));
            case GgufValueType.Bool: return GgufValue.FromBool(cursor.ReadByte(what) != 0);
            case GgufValueType.String: return GgufValue.FromString(cursor.ReadString(what, MaxStringBytes));
            case GgufValueType.UInt64: return GgufValue.FromUInt64(cursor.ReadUInt64(what));
            case GgufValueType.Int64: return GgufValue.FromInt64(unchecked((long)cursor.ReadUInt64(what)));
            case GgufValueType.Float64: return GgufValue.FromFloat64(cursor.ReadFloat64(what));
            case GgufValueType.Array: return ReadArray(cursor, what, depth);
            default: throw cursor.Fail($"{what} has unknown value type {typeId}");
        }
    }

    private static GgufValue ReadArray(GgufByteCursor cursor, string what, int depth)
    {
        if (depth >= MaxArrayDepth)
            throw cursor.Fail($"{what} nests arrays more than {MaxArrayDepth} deep");
        var start = cursor.Position;
        var elementTypeId = cursor.ReadUInt32(what + " element type");
        var count = cursor.ReadUInt64(what + " element count");
        var elementType = (GgufValueType)elementTypeId;
        var minSize = MinEncodedSize(elementType);
        if (minSize == 0)
            throw cursor.Fail($"{what} is an array of unknown value type {elementTypeId}");
        if (count > (ulong)cursor.Remaining / (ulong)minSize)
            throw cursor.Fail($"truncated or corrupt: {what} at byte {start} claims {count} elements but only {cursor.Remaining} bytes remain");
        if (count > MaxArrayElements)
            throw cursor.Fail($"{what} at byte {start} has {count} elements, more than the {MaxArrayElements} this reader accepts");
        var n = (int)count;
        Array items = elementType switch
        {
            GgufValueType.UInt8 => Fill(n, _ => cursor.ReadByte(what)),
            GgufValueType.Int8 => Fill(n, _ => unchecked((sbyte)cursor.ReadByte(what))),
            GgufValueType.UInt16 => Fill(n, _ => cursor.ReadUInt16(what)),
            GgufValueType.Int16 => Fill(n, _ => unchecked((short)cursor.ReadUInt16(what))),
            GgufValueType.UInt32 => Fill(n, _ => cursor.ReadUInt32(what)),
            GgufValueType.Int32 => Fill(n, _ => unchecked((int)cursor.ReadUInt32(what))),
            GgufValueType.Float32 => Fill(n, _ => cursor.ReadFloat32(what)),
            GgufValueType.Bool => Fill(n, _ => cursor.ReadByte(what) != 0),
            GgufValueType.String => Fill(n, _ => cursor.ReadString(what + " element", MaxStringBytes)),
            GgufValueType.UInt64 => Fill(n, _ => cursor.ReadUInt64(what)),
            GgufValueType.Int64 => Fill(n, _ => unchecked((long)cursor.ReadUInt64(what))),
            GgufValueType.Float64 => Fill(n, _ => cursor.ReadFloat64(what)),
            _ => Fill(n, i =>
            {
                var nestedType = cursor.ReadUInt32($"{what}[{i}] type");
                if (nestedType != (uint)GgufValueType.Array)
                    throw cursor.Fail($"{what}[{i}] is not an array");
                return ReadArray(cursor, $"{what}[{i}]", depth + 1);
            }),
        };
        return GgufValue.FromArray(elementType, items);
    }

    // Elements are stored one after another in GGUF, so an array of arrays repeats the inner array header.
    private static int MinEncodedSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        GgufValueType.Array => 16,
        _ => 0,
    };

    private static T[] Fill<T>(int count, Func<int, T> read)
    {
        var items = new T[count];
        for (var i = 0; i < count; i++)
            items[i] = read(i);
        return items;
    }

    private static uint ReadAlignment(GgufByteCursor cursor, Dictionary<string, GgufValue> metadata)
    {
        if (!metadata.TryGetValue("general.alignment", out var value))
            return DefaultAlignment;
        // llama.cpp asserts (aborts the process) when this key has another type, so it must be refused here.
        if (value.Type != GgufValueType.UInt32)
            throw cursor.Fail($"metadata 'general.alignment' is {value.Describe()}, expected UInt32");
        var alignment = (uint)value.Raw;
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw cursor.Fail($"metadata 'general.alignment' = {alignment} is not a power of two");
        return alignment;
    }

    private readonly record struct RawTensorInfo(string Name, long[] Dimensions, GgmlType Type, ulong Offset, long ElementCount, long ByteSize);

    private static List<RawTensorInfo> ReadTensorInfos(GgufByteCursor cursor, ulong count)
    {
        var infos = new List<RawTensorInfo>((int)count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (ulong i = 0; i < count; i++)
        {
            var at = cursor.Position;
            var name = cursor.ReadString($"name of tensor #{i}", MaxStringBytes);
            var nameBytes = Encoding.UTF8.GetByteCount(name);
            if (nameBytes > MaxTensorNameBytes)
                throw cursor.Fail($"tensor #{i} name '{Shorten(name)}' is {nameBytes} bytes; llama.cpp allows at most {MaxTensorNameBytes}");
            if (!names.Add(name))
                throw cursor.Fail($"duplicate tensor name '{name}' at byte {at}");
            var dimCount = cursor.ReadUInt32($"dimension count of tensor '{name}'");
            if (dimCount == 0 || dimCount > MaxDimensions)
                throw cursor.Fail($"tensor '{name}' has {dimCount} dimensions; llama.cpp allows 1 to {MaxDimensions}");
            var dims = new long[dimCount];
            long elements = 1;
            for (var d = 0; d < dimCount; d++)
            {
                var dim = cursor.ReadUInt64($"dimension {d} of tensor '{name}'");
                if (dim == 0)
                    throw cursor.Fail($"tensor '{name}' has dimension {d} of size 0");
                if (dim > long.MaxValue || elements > long.MaxValue / (long)dim)
                    throw cursor.Fail($"tensor '{name}' has {FormatDims(dims, d)} x {dim} elements, which overflows 64 bits");
                dims[d] = (long)dim;
                elements *= (long)dim;
            }
            var typeId = cursor.ReadUInt32($"type of tensor '{name}'");
            var type = (GgmlType)typeId;
            if (!GgmlTypeLayout.TryGetLayout(type, out var blockSize, out var typeSize))
                throw cursor.Fail($"tensor '{name}' has unknown or retired ggml type {typeId}");
            if (dims[0] % blockSize != 0)
                throw cursor.Fail($"tensor '{name}' ({type}) has first dimension {dims[0]}, not a multiple of the block size {blockSize}");
            var blocks = elements / blockSize;
            if (blocks > long.MaxValue / typeSize)
                throw cursor.Fail($"tensor '{name}' is too large to address");
            var offset = cursor.ReadUInt64($"offset of tensor '{name}'");
            infos.Add(new RawTensorInfo(name, dims, type, offset, elements, blocks * typeSize));
        }
        return infos;
    }

    private static List<GgufTensorInfo> PlaceTensors(GgufByteCursor cursor, List<RawTensorInfo> infos, uint alignment, long dataOffset)
    {
        var placed = new List<GgufTensorInfo>(infos.Count);
        long expected = 0;
        foreach (var info in infos)
        {
            if (info.Offset % alignment != 0)
                throw cursor.Fail($"tensor '{info.Name}' offset {info.Offset} is not a multiple of the alignment {alignment}");
            // llama.cpp requires tensors in file order, each padded to the alignment, with no gaps or overlaps.
            if (info.Offset != (ulong)expected)
                throw cursor.Fail($"tensor '{info.Name}' has data offset {info.Offset}, expected {expected} (tensors must be stored in order without gaps)");
            var start = dataOffset + expected;
            if (info.ByteSize > long.MaxValue - start)
                throw cursor.Fail($"tensor '{info.Name}' is too large to address");
            var end = start + info.ByteSize;
            if (end > cursor.Length)
                throw cursor.Fail($"truncated: tensor '{info.Name}' data ends at byte {end} but the file has {cursor.Length} bytes");
            placed.Add(new GgufTensorInfo(info.Name, info.Dimensions, info.Type, expected, start, info.ElementCount, info.ByteSize));
            expected = AlignUp(expected + info.ByteSize, alignment);
        }
        return placed;
    }

    private static long AlignUp(long value, uint alignment) => (value + alignment - 1) / alignment * alignment;

    private static string FormatDims(long[] dims, int count) => string.Join(" x ", dims.Take(count).Select(d => d.ToString(CultureInfo.InvariantCulture)));

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'\'' and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        return text.ToString();
    }
}
