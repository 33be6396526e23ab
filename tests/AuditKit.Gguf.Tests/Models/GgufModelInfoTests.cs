using System.Security.Cryptography;
using System.Text;
using AuditKit.Gguf.Format;
using AuditKit.Gguf.Models;
using AuditKit.Gguf.SmokeModels;
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

    /// <summary>A tiny smoke model (sound in every other respect) with the given metadata values replaced or added.</summary>
    private static GgufModelInfo Smoke(SmokeModelKind kind, params (string Key, GgufValue Value)[] changes)
    {
        var writer = SmokeModelFactory.CreateWriter(SmokeModelSpec.Tiny(kind));
        foreach (var (key, value) in changes)
            writer.SetMetadata(key, value);
        return GgufModelInfo.FromFile(GgufSamples.Read(GgufSamples.Bytes(writer), "m.gguf"));
    }

    /// <summary>Only the hyperparameters of an architecture, enough for the checks; no vocabulary or tensors.</summary>
    private static IReadOnlyList<string> HyperparameterProblems(string arch, params (string Key, GgufValue Value)[] entries) =>
        Info(w =>
        {
            w.AddMetadata("general.architecture", GgufValue.FromString(arch));
            foreach (var (key, value) in entries)
                w.AddMetadata($"{arch}.{key}", value);
        }).Problems.Where(p => p.Contains($"'{arch}.", StringComparison.Ordinal)).ToList();

    private static (string, GgufValue) U32(string key, uint value) => (key, GgufValue.FromUInt32(value));

    [Theory]
    [InlineData(SmokeModelKind.Llama)]
    [InlineData(SmokeModelKind.Qwen2ChatMl)]
    [InlineData(SmokeModelKind.Qwen2DeepSeekR1)]
    public void Validate_SmokeModels_Pass(SmokeModelKind kind) => Smoke(kind).Validate();

    [Theory]
    [InlineData(0u)]
    [InlineData(513u)]
    public void Validate_BlockCountOutsideWhatLlamaCppAsserts_ThrowsNamingTheKey(uint layers)
    {
        var info = Smoke(SmokeModelKind.Llama, ("llama.block_count", GgufValue.FromUInt32(layers)));

        Assert.Equal($"m.gguf: metadata 'llama.block_count' = {layers}, but llama.cpp needs 1 to 512 layers (it aborts on it)",
            Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(-1e-6f, "-9.999999974752427E-07")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void Validate_NormEpsilonNotFiniteOrNegative_ThrowsNamingTheKey(float epsilon, string shown)
    {
        var info = Smoke(SmokeModelKind.Qwen2ChatMl, ("qwen2.attention.layer_norm_rms_epsilon", GgufValue.FromFloat32(epsilon)));

        Assert.Equal($"m.gguf: metadata 'qwen2.attention.layer_norm_rms_epsilon' = {shown}, but a norm epsilon must be a finite number >= 0 (llama.cpp aborts on it)",
            Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_RopeWiderThanAHead_ThrowsNamingTheKeyAndTheHeadSize()
    {
        var info = Smoke(SmokeModelKind.Llama, ("llama.rope.dimension_count", GgufValue.FromUInt32(100_000)));

        Assert.Equal("m.gguf: metadata 'llama.rope.dimension_count' = 100000 exceeds the head size 16 (llama.embedding_length 64 / llama.attention.head_count 4); llama.cpp aborts on it",
            Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_Qwen2RopeNarrowerThanAHead_ThrowsBecauseItsGraphAssertsEquality()
    {
        var info = Smoke(SmokeModelKind.Qwen2ChatMl, ("qwen2.rope.dimension_count", GgufValue.FromUInt32(8)));

        Assert.Contains("'qwen2.rope.dimension_count' = 8, but llama.cpp's qwen2 graph needs it equal to the head size 16",
            Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_ZeroHeads_ThrowsNamingTheKey()
    {
        var info = Smoke(SmokeModelKind.Llama, ("llama.attention.head_count", GgufValue.FromUInt32(0)));

        Assert.Contains("metadata 'llama.attention.head_count' = 0, but a model needs at least 1 attention head", Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void Validate_EmbeddingNotDivisibleByHeads_ThrowsNamingBothKeys()
    {
        var info = Smoke(SmokeModelKind.Llama, ("llama.attention.head_count", GgufValue.FromUInt32(6)));

        Assert.Equal("m.gguf: metadata 'llama.embedding_length' = 64 is not divisible by 'llama.attention.head_count' = 6",
            Assert.Throws<GgufFormatException>(info.Validate).Message);
    }

    [Fact]
    public void FromFile_PartialRotaryOnPhi2_IsNoProblem() =>
        Assert.Empty(HyperparameterProblems("phi2", U32("block_count", 32), U32("embedding_length", 2560), U32("attention.head_count", 32),
            U32("rope.dimension_count", 32), ("attention.layer_norm_epsilon", GgufValue.FromFloat32(1e-5f))));

    [Fact]
    public void FromFile_ExplicitHeadSizeLikeGemma3_IsNoProblemThoughEmbeddingIsNotDivisible() =>
        Assert.Empty(HyperparameterProblems("gemma3", U32("block_count", 2), U32("embedding_length", 100), U32("attention.head_count", 3),
            U32("attention.head_count_kv", 1), U32("attention.key_length", 32), U32("attention.value_length", 32), U32("rope.dimension_count", 32)));

    [Theory]
    [InlineData(4u, 3u, "'llama.attention.head_count_kv' = 3 does not divide 'llama.attention.head_count' = 4")]
    [InlineData(4u, 0u, "'llama.attention.head_count_kv' = 0, but it must be at least 1")]
    public void FromFile_KvHeadsThatDoNotDivideTheHeads_IsAProblem(uint heads, uint kvHeads, string expected) =>
        Assert.Contains(expected, Assert.Single(HyperparameterProblems("llama", U32("embedding_length", 64), U32("attention.head_count", heads), U32("attention.head_count_kv", kvHeads))));

    [Theory]
    [InlineData(8u, 0u, "must use at least 1")]
    [InlineData(8u, 9u, "exceeds 'qwen3moe.expert_count' = 8")]
    [InlineData(0u, 2u, "but 'qwen3moe.expert_count' is 0")]
    public void FromFile_ExpertCountsLlamaCppAssertsAgainst_IsAProblem(uint experts, uint used, string expected) =>
        Assert.Contains(expected, Assert.Single(HyperparameterProblems("qwen3moe", U32("expert_count", experts), U32("expert_used_count", used))));

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
