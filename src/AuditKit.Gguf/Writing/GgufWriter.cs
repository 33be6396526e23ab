using System.Buffers.Binary;
using System.Text;
using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.Writing;

/// <summary>
/// Writes GGUF version 3 files, little-endian, with metadata in the order it was added and tensors in the order
/// they were added, each padded to the alignment (<c>general.alignment</c> when set, else 32). Nothing depends on
/// time, culture or hash order, so the same calls give a byte-identical file.
/// </summary>
public sealed class GgufWriter
{
    private const uint Version = 3;
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly List<PendingTensor> _tensors = [];
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);

    private sealed record PendingTensor(string Name, long[] Dimensions, GgmlType Type, long ByteSize, Action<Stream> WriteData);

    /// <summary>Adds one metadata entry. Throws <see cref="ArgumentException"/> for a duplicate key.</summary>
    public GgufWriter AddMetadata(string key, GgufValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        CheckAlignment(key, value);
        if (!_keys.Add(key))
            throw new ArgumentException($"metadata key '{key}' was already added", nameof(key));
        _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>
    /// Replaces the value of a key that was already added, keeping its place in the file, or adds it when it is new:
    /// a test can take a sound model and change one value the way a damaged or hostile file would.
    /// </summary>
    public GgufWriter SetMetadata(string key, GgufValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var at = _metadata.FindIndex(kv => kv.Key == key);
        if (at < 0)
            return AddMetadata(key, value);
        CheckAlignment(key, value);
        _metadata[at] = new(key, value);
        return this;
    }

    // The writer computes padding from this value, so it must be one the reader (and llama.cpp) accepts.
    private static void CheckAlignment(string key, GgufValue value)
    {
        if (key == "general.alignment" && (value.Type != GgufValueType.UInt32 || !IsPowerOfTwo((uint)value.Raw)))
            throw new ArgumentException("general.alignment must be a UInt32 power of two", nameof(value));
    }

    /// <summary>
    /// Adds a tensor whose bytes <paramref name="writeData"/> writes when the file is written: exactly
    /// the type's byte size for <paramref name="dimensions"/> (GGUF order, contiguous dimension first),
    /// else writing fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    public GgufWriter AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, Action<Stream> writeData)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(writeData);
        if (Encoding.UTF8.GetByteCount(name) > GgufReader.MaxTensorNameBytes)
            throw new ArgumentException($"tensor name '{name}' is longer than {GgufReader.MaxTensorNameBytes} bytes", nameof(name));
        if (dimensions.Count is 0 or > GgufReader.MaxDimensions || dimensions.Any(d => d <= 0))
            throw new ArgumentException($"tensor '{name}' needs 1 to {GgufReader.MaxDimensions} dimensions, each at least 1", nameof(dimensions));
        if (!_tensorNames.Add(name))
            throw new ArgumentException($"tensor '{name}' was already added", nameof(name));
        var elements = dimensions.Aggregate(1L, (a, d) => checked(a * d));
        if (!GgmlTypeLayout.TryGetLayout(type, out var blockSize, out _) || dimensions[0] % blockSize != 0)
        {
            _tensorNames.Remove(name);
            throw new ArgumentException($"tensor '{name}': {type} needs a first dimension that is a multiple of {blockSize}", nameof(type));
        }
        _tensors.Add(new PendingTensor(name, dimensions.ToArray(), type, GgmlTypeLayout.ByteSize(type, elements), writeData));
        return this;
    }

    /// <summary>Adds an F32 or F16 tensor from values in GGUF order (contiguous dimension first).</summary>
    public GgufWriter AddTensor(string name, GgmlType type, IReadOnlyList<long> dimensions, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (type is not (GgmlType.F32 or GgmlType.F16))
            throw new ArgumentException("only F32 and F16 tensors can be written from floats", nameof(type));
        return AddTensor(name, type, dimensions, stream => WriteFloats(stream, type, values));
    }

    /// <summary>Writes <paramref name="values"/> as little-endian F32 or F16 (round to nearest even).</summary>
    public static void WriteFloats(Stream stream, GgmlType type, ReadOnlySpan<float> values)
    {
        var width = type == GgmlType.F16 ? 2 : 4;
        var buffer = new byte[Math.Min(values.Length, 16384) * width];
        for (var start = 0; start < values.Length; start += 16384)
        {
            var count = Math.Min(16384, values.Length - start);
            for (var i = 0; i < count; i++)
            {
                var v = values[start + i];
                if (width == 2)
                    BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(i * 2), (Half)v);
                else
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), v);
            }
            stream.Write(buffer, 0, count * width);
        }
    }

    /// <summary>Writes the file to <paramref name="stream"/> from its current position.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var alignment = _metadata.FirstOrDefault(kv => kv.Key == "general.alignment").Value is { } a ? (uint)a.Raw : GgufReader.DefaultAlignment;
        var output = new PositionCountingStream(stream);
        var header = new BinaryWriter(output, new UTF8Encoding(false), leaveOpen: true);
        header.Write("GGUF"u8);
        header.Write(Version);
        header.Write((ulong)_tensors.Count);
        header.Write((ulong)_metadata.Count);
        foreach (var (key, value) in _metadata)
        {
            WriteString(header, key);
            header.Write((uint)value.Type);
            WriteValue(header, value);
        }
        long offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(header, tensor.Name);
            header.Write((uint)tensor.Dimensions.Length);
            foreach (var d in tensor.Dimensions)
                header.Write((ulong)d);
            header.Write((uint)tensor.Type);
            header.Write((ulong)offset);
            offset = AlignUp(offset + tensor.ByteSize, alignment);
        }
        header.Flush();
        Pad(output, alignment);
        foreach (var tensor in _tensors)
        {
            var before = output.Written;
            tensor.WriteData(output);
            var written = output.Written - before;
            if (written != tensor.ByteSize)
                throw new InvalidOperationException($"tensor '{tensor.Name}' wrote {written} bytes, expected {tensor.ByteSize}");
            Pad(output, alignment);
        }
    }

    /// <summary>
    /// Writes the file to <paramref name="path"/> through a temporary file in the same folder, so a reader never
    /// sees a half-written model.
    /// </summary>
    public void WriteFile(string path)
    {
        var full = Path.GetFullPath(path);
        var temp = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                WriteTo(stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static void WriteValue(BinaryWriter w, GgufValue value)
    {
        switch (value.Raw)
        {
            case byte v: w.Write(v); break;
            case sbyte v: w.Write(v); break;
            case ushort v: w.Write(v); break;
            case short v: w.Write(v); break;
            case uint v: w.Write(v); break;
            case int v: w.Write(v); break;
            case float v: w.Write(v); break;
            case bool v: w.Write((byte)(v ? 1 : 0)); break;
            case string v: WriteString(w, v); break;
            case ulong v: w.Write(v); break;
            case long v: w.Write(v); break;
            case double v: w.Write(v); break;
            case Array items:
                w.Write((uint)value.ElementType!.Value);
                w.Write((ulong)items.Length);
                WriteArrayItems(w, items);
                break;
            default: throw new InvalidOperationException($"cannot write a {value.Raw.GetType().Name}");
        }
    }

    private static void WriteArrayItems(BinaryWriter w, Array items)
    {
        switch (items)
        {
            case byte[] a: w.Write(a); break;
            case sbyte[] a: foreach (var v in a) w.Write(v); break;
            case ushort[] a: foreach (var v in a) w.Write(v); break;
            case short[] a: foreach (var v in a) w.Write(v); break;
            case uint[] a: foreach (var v in a) w.Write(v); break;
            case int[] a: foreach (var v in a) w.Write(v); break;
            case float[] a: foreach (var v in a) w.Write(v); break;
            case bool[] a: foreach (var v in a) w.Write((byte)(v ? 1 : 0)); break;
            case string[] a: foreach (var v in a) WriteString(w, v); break;
            case ulong[] a: foreach (var v in a) w.Write(v); break;
            case long[] a: foreach (var v in a) w.Write(v); break;
            case double[] a: foreach (var v in a) w.Write(v); break;
            case GgufValue[] a:
                foreach (var v in a)
                {
                    w.Write((uint)GgufValueType.Array);
                    WriteValue(w, v);
                }
                break;
            default: throw new InvalidOperationException($"cannot write a {items.GetType().Name}");
        }
    }

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void Pad(PositionCountingStream output, uint alignment)
    {
        var padding = AlignUp(output.Written, alignment) - output.Written;
        for (var i = 0; i < padding; i++)
            output.WriteByte(0);
    }

    private static long AlignUp(long value, uint alignment) => (value + alignment - 1) / alignment * alignment;

    private static bool IsPowerOfTwo(uint v) => v != 0 && (v & (v - 1)) == 0;
}
