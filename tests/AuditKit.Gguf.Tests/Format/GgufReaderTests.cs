using AuditKit.Gguf.Format;
using AuditKit.TestSupport;

namespace AuditKit.Gguf.Tests.Format;

public sealed class GgufReaderTests
{
    [Fact]
    public void Read_WriterOutputWithEveryValueType_ReturnsSameMetadataInOrder()
    {
        var file = GgufSamples.Read(GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter()));

        Assert.Equal(3u, file.Version);
        Assert.Equal(GgufSamples.EveryValueType.Select(kv => kv.Key), file.MetadataKeys);
        foreach (var (key, value) in GgufSamples.EveryValueType)
            Assert.Equal(value, file.Metadata[key]);
    }

    [Fact]
    public void Read_WriterOutput_ReportsTensorShapesTypesAndAlignedOffsets()
    {
        var bytes = GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter());
        var file = GgufSamples.Read(bytes);

        Assert.Equal(32u, file.Alignment);
        Assert.Equal(0, file.DataOffset % 32);
        Assert.Collection(file.Tensors,
            t => Assert.Equal(("a.weight", GgmlType.F32, 6L, 24L, 0L), (t.Name, t.Type, t.ElementCount, t.ByteSize, t.Offset)),
            t => Assert.Equal(("b.weight", GgmlType.F16, 5L, 10L, 32L), (t.Name, t.Type, t.ElementCount, t.ByteSize, t.Offset)),
            t => Assert.Equal(("c.weight", GgmlType.Q8_0, 64L, 68L, 64L), (t.Name, t.Type, t.ElementCount, t.ByteSize, t.Offset)));
        Assert.Equal(new long[] { 3, 2 }, file.Tensors[0].Dimensions);
        Assert.All(file.Tensors, t => Assert.Equal(file.DataOffset + t.Offset, t.FileOffset));
        // The F32 tensor's bytes sit where the header says they do.
        Assert.Equal(1f, BitConverter.ToSingle(bytes, (int)file.Tensors[0].FileOffset));
        Assert.Equal(6f, BitConverter.ToSingle(bytes, (int)file.Tensors[0].FileOffset + 20));
        Assert.Equal(bytes.Length, file.FileSize);
    }

    [Fact]
    public void TypedAccessors_PresentAbsentAndWrongType_BehaveAsDocumented()
    {
        var file = GgufSamples.Read(GgufSamples.Bytes(GgufSamples.EveryValueTypeWriter()));

        Assert.Equal("llama", file.GetString("general.architecture"));
        Assert.Null(file.GetString("missing.key"));
        Assert.Equal(4_000_000_000u, file.GetUInt32("test.u32"));
        Assert.Equal(200u, file.GetUInt32("test.u8"));
        Assert.Equal(ulong.MaxValue, file.GetUInt64("test.u64"));
        Assert.Equal(["a", "", "Ġthe", "<|im_end|>"], file.GetStringArray("test.array.string"));
        var wrongType = Assert.Throws<GgufFormatException>(() => file.GetString("test.u32"));
        Assert.StartsWith("sample.gguf: metadata 'test.u32' is UInt32", wrongType.Message);
        Assert.Throws<GgufFormatException>(() => file.GetUInt32("test.i32"));
        Assert.Throws<GgufFormatException>(() => file.GetUInt32("test.u64"));
    }

    [Fact]
    public void Read_StreamHoldingOnlyTheHeader_ValidatesWithoutTouchingTensorData()
    {
        // A 4 GiB tensor: the stream ends after the header, the claimed length covers the data.
        var header = RawGguf.Header(3, 1, 0).Tensor("big.weight", [1UL << 30], 0, 0).PadTo(32).ToArray();

        var file = GgufReader.Read(new MemoryStream(header), header.Length + (4L << 30), "big.gguf");

        Assert.Equal(4L << 30, file.Tensors[0].ByteSize);
        Assert.Equal(header.Length, file.DataOffset);
    }

    [Fact]
    public void Read_Version2File_IsAccepted()
    {
        var bytes = GgufSamples.SmallFile();
        bytes[4] = 2;

        Assert.Equal(2u, GgufSamples.Read(bytes).Version);
    }

    [Fact]
    public void Read_FromDisk_NamesTheFileInErrors()
    {
        using var dir = new TempDirectory();
        var path = dir.File("broken.gguf");
        File.WriteAllBytes(path, GgufSamples.SmallFile()[..100]);

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(path));
        Assert.StartsWith(path + ": truncated", ex.Message);
        Assert.Equal(path, ex.FilePath);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFormatExceptionNamingIt()
    {
        using var dir = new TempDirectory();

        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(dir.File("absent.gguf")));
        Assert.StartsWith(dir.File("absent.gguf") + ": cannot open", ex.Message);
    }

    [SharedDataFact("tinyllama-stories260k/stories260K.gguf")]
    public void Read_Stories260K_MatchesGgufDump()
    {
        var file = GgufReader.Read(RepoPaths.Stories260K);

        Assert.Equal(3u, file.Version);
        Assert.Equal(19, file.Metadata.Count);
        Assert.Equal(48, file.Tensors.Count);
        Assert.Equal("llama", file.GetString("general.architecture"));
        Assert.Equal(512, file.GetStringArray("tokenizer.ggml.tokens")!.Count);
        Assert.Equal(4294967295u, file.GetUInt32("tokenizer.ggml.padding_token_id"));
        Assert.Equal(new long[] { 64, 512 }, file.Tensors[0].Dimensions);
        Assert.Equal(("blk.4.ffn_norm.weight", 1170944L), (file.Tensors[^1].Name, file.Tensors[^1].Offset));
        Assert.All(file.Tensors, t => Assert.Equal(GgmlType.F32, t.Type));
        Assert.Equal(file.FileSize, file.Tensors[^1].FileOffset + file.Tensors[^1].ByteSize);
    }

    [SharedDataFact("llama2-tiny-random/llama-2-tiny-random.gguf")]
    public void Read_Llama2TinyRandom_MatchesGgufDump()
    {
        var file = GgufReader.Read(Path.Combine(RepoPaths.SharedData, "llama2-tiny-random", "llama-2-tiny-random.gguf"));

        Assert.Equal(18, file.Metadata.Count);
        Assert.Equal(12, file.Tensors.Count);
        Assert.Equal(32000, file.GetStringArray("tokenizer.ggml.tokens")!.Count);
        Assert.Equal(9, file.Tensors.Count(t => t.Type == GgmlType.F16));
        Assert.Equal(("output.weight", 514144L), (file.Tensors[^1].Name, file.Tensors[^1].Offset));
        Assert.Equal(file.FileSize, file.Tensors[^1].FileOffset + file.Tensors[^1].ByteSize);
    }
}
