using System.Security.Cryptography;
using AuditKit.Gguf.Format;
using AuditKit.Gguf.Writing;
using AuditKit.TestSupport;

namespace AuditKit.Gguf.Tests.Writing;

public sealed class GgufWriterTests
{
    [Fact]
    public void WriteTo_SameInputsTwice_ByteIdentical()
    {
        var first = GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter());
        var second = GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter());

        Assert.Equal(first, second);
    }

    [Fact]
    public void WriteTo_SameWriterTwice_ByteIdentical()
    {
        var writer = GgufSamples.EveryValueTypeWriter();

        Assert.Equal(GgufSamples.Bytes(writer), GgufSamples.Bytes(writer));
    }

    [Fact]
    public void WriteTo_HeaderLayout_IsGgufVersion3LittleEndian()
    {
        var bytes = GgufSamples.Bytes(new GgufWriter().AddMetadata("general.architecture", GgufValue.FromString("llama")));

        Assert.Equal("GGUF"u8.ToArray(), bytes[..4]);
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, 4));
        Assert.Equal(0ul, BitConverter.ToUInt64(bytes, 8));
        Assert.Equal(1ul, BitConverter.ToUInt64(bytes, 16));
        Assert.Equal(0, bytes.Length % 32);
    }

    [Fact]
    public void WriteTo_F16Tensor_RoundsValuesToHalfPrecision()
    {
        var bytes = GgufSamples.Bytes(new GgufWriter().AddTensor("t", GgmlType.F16, [3], [1f, -2.5f, 65504f]));
        var tensor = GgufSamples.Read(bytes).Tensors[0];

        var values = Enumerable.Range(0, 3).Select(i => (float)BitConverter.ToHalf(bytes, (int)tensor.FileOffset + 2 * i));
        Assert.Equal([1f, -2.5f, 65504f], values);
    }

    [Fact]
    public void WriteTo_CustomAlignment_PadsDataToIt()
    {
        var writer = new GgufWriter()
            .AddMetadata("general.alignment", GgufValue.FromUInt32(64))
            .AddTensor("a", GgmlType.F32, [3], new float[3])
            .AddTensor("b", GgmlType.F32, [3], new float[3]);
        var file = GgufSamples.Read(GgufSamples.Bytes(writer));

        Assert.Equal(64u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 64);
        Assert.Equal(64, file.Tensors[1].Offset);
    }

    [Fact]
    public void WriteTo_CallbackWritesWrongByteCount_Throws()
    {
        var writer = new GgufWriter().AddTensor("t", GgmlType.F32, [4], s => s.Write(new byte[15]));

        var ex = Assert.Throws<InvalidOperationException>(() => writer.WriteTo(new MemoryStream()));
        Assert.Contains("wrote 15 bytes, expected 16", ex.Message);
    }

    [Fact]
    public void AddMetadata_DuplicateKey_Throws()
    {
        var writer = new GgufWriter().AddMetadata("k", GgufValue.FromBool(true));

        Assert.Throws<ArgumentException>(() => writer.AddMetadata("k", GgufValue.FromBool(false)));
    }

    [Fact]
    public void AddTensor_InvalidShapes_Throw()
    {
        var writer = new GgufWriter();

        Assert.Throws<ArgumentException>(() => writer.AddTensor("five", GgmlType.F32, [1, 1, 1, 1, 1], new float[1]));
        Assert.Throws<ArgumentException>(() => writer.AddTensor("q", GgmlType.Q4_0, [16], _ => { }));
        Assert.Throws<ArgumentException>(() => writer.AddTensor(new string('n', 64), GgmlType.F32, [1], new float[1]));
        writer.AddTensor("ok", GgmlType.F32, [1], new float[1]);
        Assert.Throws<ArgumentException>(() => writer.AddTensor("ok", GgmlType.F32, [1], new float[1]));
    }

    [Fact]
    public void FromArray_WrongClrArrayForElementType_Throws() =>
        Assert.Throws<ArgumentException>(() => GgufValue.FromArray(GgufValueType.UInt32, new[] { 1, 2 }));

    [Fact]
    public void WriteFile_ExistingFile_ReplacedAndNoTempFilesLeft()
    {
        using var dir = new TempDirectory();
        var path = dir.File("model.gguf");
        File.WriteAllText(path, "old");

        GgufSamples.EveryValueTypeWriter().WriteFile(path);

        Assert.Equal(SHA256.HashData(GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter())), SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
