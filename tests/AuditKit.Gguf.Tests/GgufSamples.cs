using AuditKit.Gguf.Format;
using AuditKit.Gguf.Writing;

namespace AuditKit.Gguf.Tests;

/// <summary>Small valid files built with the writer, shared by the reader, writer and fuzz tests.</summary>
internal static class GgufSamples
{
    /// <summary>One metadata entry of every value type, including an array of arrays.</summary>
    public static IReadOnlyList<(string Key, GgufValue Value)> EveryValueType { get; } =
    [
        ("general.architecture", GgufValue.FromString("llama")),
        ("test.u8", GgufValue.FromUInt8(200)),
        ("test.i8", GgufValue.FromInt8(-100)),
        ("test.u16", GgufValue.FromUInt16(60000)),
        ("test.i16", GgufValue.FromInt16(-30000)),
        ("test.u32", GgufValue.FromUInt32(4_000_000_000)),
        ("test.i32", GgufValue.FromInt32(-2_000_000_000)),
        ("test.f32", GgufValue.FromFloat32(3.25f)),
        ("test.bool", GgufValue.FromBool(true)),
        ("test.string", GgufValue.FromString("台湾 <｜User｜> \"quoted\"\n")),
        ("test.u64", GgufValue.FromUInt64(ulong.MaxValue)),
        ("test.i64", GgufValue.FromInt64(long.MinValue)),
        ("test.f64", GgufValue.FromFloat64(-1.5e300)),
        ("test.array.u8", GgufValue.FromArray(GgufValueType.UInt8, new byte[] { 1, 2, 255 })),
        ("test.array.i8", GgufValue.FromArray(GgufValueType.Int8, new sbyte[] { -1, 0, 1 })),
        ("test.array.u16", GgufValue.FromArray(GgufValueType.UInt16, new ushort[] { 1, 65535 })),
        ("test.array.i16", GgufValue.FromArray(GgufValueType.Int16, new short[] { -2, 2 })),
        ("test.array.u32", GgufValue.FromArray(GgufValueType.UInt32, new uint[] { 7, 8, 9 })),
        ("test.array.i32", GgufValue.FromArray(GgufValueType.Int32, new[] { -7, 8 })),
        ("test.array.f32", GgufValue.FromArray(GgufValueType.Float32, new[] { 0.5f, -0.25f, float.NaN })),
        ("test.array.bool", GgufValue.FromArray(GgufValueType.Bool, new[] { true, false })),
        ("test.array.string", GgufValue.FromStringArray(["a", "", "Ġthe", "<|im_end|>"])),
        ("test.array.u64", GgufValue.FromArray(GgufValueType.UInt64, new ulong[] { 0, ulong.MaxValue })),
        ("test.array.i64", GgufValue.FromArray(GgufValueType.Int64, new long[] { long.MinValue, 3 })),
        ("test.array.f64", GgufValue.FromArray(GgufValueType.Float64, new[] { 1e-300, 2.0 })),
        ("test.array.empty", GgufValue.FromArray(GgufValueType.Float32, Array.Empty<float>())),
        ("test.array.nested", GgufValue.FromArray(GgufValueType.Array, new[]
        {
            GgufValue.FromStringArray(["x", "y"]),
            GgufValue.FromArray(GgufValueType.Array, new[] { GgufValue.FromInt32Array([1, 2, 3]) }),
        })),
    ];

    /// <summary>A file with every value type and three tensors (F32, F16, Q8_0) of odd sizes, so padding is exercised.</summary>
    public static GgufWriter EveryValueTypeWriter()
    {
        var writer = new GgufWriter();
        foreach (var (key, value) in EveryValueType)
            writer.AddMetadata(key, value);
        writer.AddTensor("a.weight", GgmlType.F32, [3, 2], [1, 2, 3, 4, 5, 6]);
        writer.AddTensor("b.weight", GgmlType.F16, [5], [0.5f, 1, 1.5f, 2, 2.5f]);
        writer.AddTensor("c.weight", GgmlType.Q8_0, [32, 2], s => s.Write(new byte[68]));
        return writer;
    }

    public static byte[] Bytes(GgufWriter writer)
    {
        var stream = new MemoryStream();
        writer.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>A ~400-byte valid file for truncation and mutation loops.</summary>
    public static byte[] SmallFile()
    {
        var writer = new GgufWriter()
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddMetadata("general.alignment", GgufValue.FromUInt32(32))
            .AddMetadata("llama.context_length", GgufValue.FromUInt32(2048))
            .AddMetadata("tokenizer.ggml.tokens", GgufValue.FromStringArray(["<unk>", "<s>", "a"]))
            .AddMetadata("tokenizer.ggml.scores", GgufValue.FromFloat32Array([0, 0, -1]))
            .AddMetadata("nested", GgufValue.FromArray(GgufValueType.Array, new[] { GgufValue.FromInt32Array([1, 2]) }))
            .AddTensor("token_embd.weight", GgmlType.F32, [4, 3], new float[12])
            .AddTensor("output.weight", GgmlType.F16, [4, 3], new float[12]);
        return Bytes(writer);
    }

    public static GgufFile Read(byte[] bytes, string name = "sample.gguf") => GgufReader.Read(new MemoryStream(bytes), bytes.Length, name);
}
