using AuditKit.Gguf.Format;

namespace AuditKit.Gguf.Tests.Format;

/// <summary>Each corrupt file gets a one-line <see cref="GgufFormatException"/> that names the file and the problem.</summary>
public sealed class GgufReaderCorruptionTests
{
    private static GgufFormatException Fails(byte[] bytes, string expectedFragment)
    {
        var ex = Assert.Throws<GgufFormatException>(() => GgufSamples.Read(bytes, "bad.gguf"));
        Assert.StartsWith("bad.gguf: ", ex.Message);
        Assert.Contains(expectedFragment, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    // A one-tensor file: 8 F32 values at offset 0.
    private static RawGguf OneTensor(ulong[] dims, uint type = 0, ulong offset = 0, string name = "t.weight") =>
        RawGguf.Header(3, 1, 0).Tensor(name, dims, type, offset).PadTo(32);

    [Fact]
    public void Read_EmptyFile_SaysEmpty() => Fails([], "empty file");

    [Fact]
    public void Read_ZipFile_ShowsTheWrongMagic() => Fails([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0], @"not a GGUF file (magic 'PK\x03\x04')");

    [Fact]
    public void Read_ThreeBytes_SaysNotGguf() => Fails("GGU"u8.ToArray(), "not a GGUF file (only 3 bytes)");

    [Fact]
    public void Read_Version1_SaysUnsupported() => Fails(RawGguf.Header(1, 0, 0).ToArray(), "GGUF version 1 is not supported");

    [Fact]
    public void Read_Version99_SaysUnsupported() => Fails(RawGguf.Header(99, 0, 0).ToArray(), "unsupported GGUF version 99");

    [Fact]
    public void Read_BigEndianFile_SaysBigEndian() => Fails(RawGguf.Header(0x03000000, 0, 0).ToArray(), "big-endian");

    [Fact]
    public void Read_HeaderOnly_ValidWithNoContent()
    {
        var file = GgufSamples.Read(RawGguf.Header(3, 0, 0).ToArray());
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Read_HugeStringLength_FailsWithoutAllocating() =>
        Fails(RawGguf.Header(3, 0, 1).U64(1UL << 60).Zeros(16).ToArray(), "claims 1152921504606846976 bytes");

    [Fact]
    public void Read_HugeArrayCount_FailsWithoutAllocating() =>
        Fails(RawGguf.Header(3, 0, 1).Str("k").U32(9).U32(6).U64(1UL << 60).Zeros(16).ToArray(), "claims 1152921504606846976 elements");

    [Fact]
    public void Read_HugeMetadataCount_FailsBeforeReading() =>
        Fails(RawGguf.Header(3, 0, ulong.MaxValue).Zeros(64).ToArray(), "metadata entries, which cannot fit");

    [Fact]
    public void Read_HugeTensorCount_FailsBeforeReading() =>
        Fails(RawGguf.Header(3, 1UL << 40, 0).Zeros(64).ToArray(), "tensors, which cannot fit");

    [Fact]
    public void Read_UnknownValueType_NamesKeyAndType() =>
        Fails(RawGguf.Header(3, 0, 1).Str("general.name").U32(13).Zeros(8).ToArray(), "metadata 'general.name' has unknown value type 13");

    [Fact]
    public void Read_ArrayOfUnknownType_NamesKey() =>
        Fails(RawGguf.Header(3, 0, 1).Str("k").U32(9).U32(77).U64(1).Zeros(8).ToArray(), "array of unknown value type 77");

    [Fact]
    public void Read_DeeplyNestedArrays_FailsInsteadOfOverflowingTheStack()
    {
        var raw = RawGguf.Header(3, 0, 1).Str("k").U32(9);
        for (var i = 0; i < 1000; i++)
            raw.U32(9).U64(1).U32(9);
        Fails(raw.Zeros(64).ToArray(), "nests arrays more than");
    }

    [Fact]
    public void Read_DuplicateKey_NamesIt() =>
        Fails(RawGguf.Header(3, 0, 2).KvU32("llama.block_count", 1).KvU32("llama.block_count", 2).ToArray(), "duplicate metadata key 'llama.block_count'");

    [Fact]
    public void Read_AlignmentOfWrongType_Fails() =>
        Fails(RawGguf.Header(3, 0, 1).Str("general.alignment").U32(6).F32(32).ToArray(), "'general.alignment' is Float32");

    [Fact]
    public void Read_AlignmentNotPowerOfTwo_Fails() =>
        Fails(RawGguf.Header(3, 0, 1).KvU32("general.alignment", 24).ToArray(), "not a power of two");

    [Fact]
    public void Read_ValidOneTensorFile_Reads() =>
        Assert.Equal(32, GgufSamples.Read(OneTensor([8]).Zeros(32).ToArray()).Tensors[0].ByteSize);

    [Fact]
    public void Read_UnknownTensorType_NamesTensorAndType() =>
        Fails(OneTensor([8], type: 99).Zeros(32).ToArray(), "tensor 't.weight' has unknown or retired ggml type 99");

    [Fact]
    public void Read_RetiredTensorType_IsRejected() =>
        Fails(OneTensor([32], type: 31).Zeros(64).ToArray(), "unknown or retired ggml type 31");

    [Fact]
    public void Read_QuantisedRowNotWholeBlocks_Fails() =>
        Fails(OneTensor([48], type: (uint)GgmlType.Q4_K).Zeros(1024).ToArray(), "not a multiple of the block size 256");

    [Fact]
    public void Read_MisalignedOffset_Fails() =>
        Fails(OneTensor([8], offset: 4).Zeros(64).ToArray(), "offset 4 is not a multiple of the alignment 32");

    [Fact]
    public void Read_GapBetweenTensors_Fails() =>
        Fails(OneTensor([8], offset: 64).Zeros(128).ToArray(), "expected 0");

    [Fact]
    public void Read_TensorDataPastEnd_SaysWhereItEnds()
    {
        var bytes = OneTensor([8]).Zeros(20).ToArray();
        var header = bytes.Length - 20;
        Fails(bytes, $"truncated: tensor 't.weight' data ends at byte {header + 32} but the file has {bytes.Length} bytes");
    }

    [Fact]
    public void Read_HugeTensor_FailsAsTruncatedNotOverflow() =>
        Fails(OneTensor([1UL << 40, 1UL << 20]).Zeros(32).ToArray(), "truncated: tensor 't.weight'");

    [Fact]
    public void Read_ElementCountOverflow_Fails() =>
        Fails(OneTensor([1UL << 40, 1UL << 40]).Zeros(32).ToArray(), "overflows 64 bits");

    [Fact]
    public void Read_FiveDimensions_Fails() =>
        Fails(OneTensor([2, 2, 2, 2, 2]).Zeros(256).ToArray(), "has 5 dimensions");

    [Fact]
    public void Read_ZeroDimensions_Fails() =>
        Fails(OneTensor([]).Zeros(32).ToArray(), "has 0 dimensions");

    [Fact]
    public void Read_DimensionOfSizeZero_Fails() =>
        Fails(OneTensor([8, 0]).Zeros(32).ToArray(), "dimension 1 of size 0");

    [Fact]
    public void Read_TensorNameTooLongForLlamaCpp_Fails() =>
        Fails(OneTensor([8], name: new string('x', 64)).Zeros(32).ToArray(), "llama.cpp allows at most 63");

    [Fact]
    public void Read_DuplicateTensorName_Fails() =>
        Fails(RawGguf.Header(3, 2, 0).Tensor("t", [8], 0, 0).Tensor("t", [8], 0, 32).PadTo(32).Zeros(64).ToArray(), "duplicate tensor name 't'");

    [Fact]
    public void Read_StreamShorterThanClaimedLength_FailsAsTruncated()
    {
        var bytes = GgufSamples.SmallFile();
        var ex = Assert.Throws<GgufFormatException>(() => GgufReader.Read(new MemoryStream(bytes[..50]), bytes.Length, "short.gguf"));
        Assert.StartsWith("short.gguf: truncated", ex.Message);
    }

    [Fact]
    public void Read_EveryTruncationOfASmallFile_FailsWithFormatException()
    {
        var bytes = GgufSamples.SmallFile();
        var lastTensorEnd = GgufSamples.Read(bytes).Tensors[^1] is var t ? t.FileOffset + t.ByteSize : 0;
        for (var cut = 0; cut < lastTensorEnd; cut++)
        {
            var ex = Assert.Throws<GgufFormatException>(() => GgufSamples.Read(bytes[..cut], "cut.gguf"));
            Assert.StartsWith("cut.gguf: ", ex.Message);
        }
    }
}
