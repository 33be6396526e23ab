using System.Security.Cryptography;
using System.Text;
using AuditKit.Gguf.Format;
using AuditKit.Gguf.Models;
using AuditKit.Gguf.Writing;
using AuditKit.TestSupport;

namespace AuditKit.Gguf.Tests.Models;

public sealed class GgufModelInfoTests
{
    private static GgufModelInfo Info(Action<GgufWriter> build)
    {
        var writer = new GgufWriter();
        build(writer);
        return GgufModelInfo.FromFile(GgufSamples.Read(GgufSamples.Bytes(writer), "m.gguf"));
    }

    [Theory]
    [InlineData(0u, "F32")]
    [InlineData(1u, "F16")]
    [InlineData(7u, "Q8_0")]
    [InlineData(15u, "Q4_K_M")]
    [InlineData(17u, "Q5_K_M")]
    [InlineData(19u, "IQ2_XXS")]
    [InlineData(32u, "BF16")]
    [InlineData(38u, "MXFP4_MOE")]
    public void FromFile_FileTypeKey_NamedAsLlamaCppNamesIt(uint fileType, string expected)
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("qwen2"))
            .AddMetadata("general.file_type", GgufValue.FromUInt32(fileType))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.Equal(expected, info.FileType);
        Assert.False(info.FileTypeIsGuessed);
    }

    [Fact]
    public void FromFile_NoFileTypeKey_GuessesFromTheDominantTensorType()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddTensor("norm", GgmlType.F32, [32], new float[32])
            .AddTensor("big", GgmlType.Q8_0, [64, 2], s => s.Write(new byte[136])));

        Assert.Equal("Q8_0", info.FileType);
        Assert.True(info.FileTypeIsGuessed);
        Assert.Equal(160, info.ParameterCount);
    }

    [Fact]
    public void FromFile_ChatTemplate_ReturnsTextAndSha256()
    {
        const string template = "{{ messages }}<|im_start|>";
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("qwen2"))
            .AddMetadata("qwen2.context_length", GgufValue.FromUInt32(32768))
            .AddMetadata("tokenizer.chat_template", GgufValue.FromString(template)));

        Assert.Equal(template, info.ChatTemplate);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(template))), info.ChatTemplateSha256);
        Assert.Equal(32768, info.TrainingContext);
    }

    [Fact]
    public void FromFile_NoTemplate_NullTemplateAndHash()
    {
        var info = Info(w => w.AddMetadata("general.architecture", GgufValue.FromString("llama")));

        Assert.Null(info.ChatTemplate);
        Assert.Null(info.ChatTemplateSha256);
        Assert.Null(info.TrainingContext);
    }

    [Fact]
    public void Validate_UnsupportedArchitecture_ThrowsNamingFileAndArchitecture()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("bert"))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.False(info.IsSupportedArchitecture);
        var ex = Assert.Throws<GgufFormatException>(info.Validate);
        Assert.StartsWith("m.gguf: architecture 'bert' is not supported", ex.Message);
    }

    [Fact]
    public void Validate_MissingArchitecture_Throws()
    {
        var info = Info(w => w.AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.Contains("no 'general.architecture'", Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_TokenTypesShorterThanTokens_ThrowsBeforeLlamaCppReadsPastTheEnd()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddMetadata("tokenizer.ggml.tokens", GgufValue.FromStringArray(["a", "b", "c"]))
            .AddMetadata("tokenizer.ggml.token_type", GgufValue.FromInt32Array([1, 1]))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        var ex = Assert.Throws<GgufFormatException>(info.Validate);
        Assert.Equal("m.gguf: metadata 'tokenizer.ggml.token_type' has 2 entries for 3 tokens", ex.Message);
    }

    [Fact]
    public void Validate_TokensNotStrings_Throws()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddMetadata("tokenizer.ggml.tokens", GgufValue.FromInt32Array([1, 2]))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.Contains("'tokenizer.ggml.tokens' is an array of Int32", Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_ArrayOfArrays_ThrowsBecauseLlamaCppRefusesIt()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddMetadata("odd", GgufValue.FromArray(GgufValueType.Array, new[] { GgufValue.FromInt32Array([1]) }))
            .AddMetadata("tokenizer.ggml.tokens", GgufValue.FromStringArray(["a"]))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.Equal("m.gguf: metadata 'odd' is an array of arrays, which llama.cpp refuses to load", Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_NoVocabulary_Throws()
    {
        var info = Info(w => w
            .AddMetadata("general.architecture", GgufValue.FromString("llama"))
            .AddTensor("t", GgmlType.F32, [1], new float[1]));

        Assert.Contains("no 'tokenizer.ggml.tokens'", Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Theory]
    [InlineData("llama")]
    [InlineData("qwen2")]
    [InlineData("qwen3moe")]
    [InlineData("deepseek2")]
    [InlineData("gemma3")]
    [InlineData("glm4")]
    public void IsSupported_ArchitecturesAuditUsersBring_True(string architecture) =>
        Assert.True(LlamaCppArchitectures.IsSupported(architecture));

    [SharedDataFact("tinyllama-stories260k/stories260K.gguf")]
    public void Load_Stories260K_LlamaF32Guessed292800Parameters()
    {
        var info = GgufModelInfo.Load(RepoPaths.Stories260K);

        Assert.Equal(("llama", "llama", "F32", true, 292_800L, 2048), (info.Architecture, info.Name, info.FileType, info.FileTypeIsGuessed, info.ParameterCount, info.TrainingContext));
        Assert.Null(info.ChatTemplate);
    }

    [SharedDataFact("llama2-tiny-random/llama-2-tiny-random.gguf")]
    public void Load_Llama2TinyRandom_LlamaF16From513048Parameters()
    {
        var info = GgufModelInfo.Load(Path.Combine(RepoPaths.SharedData, "llama2-tiny-random", "llama-2-tiny-random.gguf"));

        Assert.Equal(("llama", "LLaMA v2", "F16", false, 513_048L, 4096), (info.Architecture, info.Name, info.FileType, info.FileTypeIsGuessed, info.ParameterCount, info.TrainingContext));
    }
}
