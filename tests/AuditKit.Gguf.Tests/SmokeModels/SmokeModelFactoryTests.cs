using AuditKit.Gguf.Format;
using AuditKit.Gguf.Models;
using AuditKit.Gguf.SmokeModels;
using AuditKit.TestSupport;

namespace AuditKit.Gguf.Tests.SmokeModels;

public sealed class SmokeModelFactoryTests
{
    private static GgufFile Tiny(SmokeModelKind kind) => GgufSamples.Read(GgufSamples.Bytes(SmokeModelFactory.CreateWriter(SmokeModelSpec.Tiny(kind))));

    [Theory]
    [InlineData(SmokeModelKind.Llama, "auditkit-smoke-llama.gguf", "llama")]
    [InlineData(SmokeModelKind.Qwen2ChatMl, "auditkit-smoke-qwen2.gguf", "qwen2")]
    [InlineData(SmokeModelKind.Qwen2DeepSeekR1, "auditkit-smoke-deepseek-r1-qwen2.gguf", "qwen2")]
    public void EnsureSmokeModel_EmptyDirectory_WritesSmallValidModel(SmokeModelKind kind, string fileName, string architecture)
    {
        using var dir = new TempDirectory();

        var path = SmokeModelFactory.EnsureSmokeModel(dir.Path, kind);

        Assert.Equal(dir.File(fileName), path);
        Assert.InRange(new FileInfo(path).Length, 100_000, 2_000_000);
        var info = GgufModelInfo.Load(path);
        Assert.Equal(architecture, info.Architecture);
        Assert.Equal("F32", info.FileType);
        Assert.False(info.FileTypeIsGuessed);
        Assert.Contains("AuditKit smoke model", info.Name);
        Assert.Contains("random weights", info.Name);
    }

    [Fact]
    public void EnsureSmokeModel_CurrentFileExists_LeavesItAlone()
    {
        using var dir = new TempDirectory();
        var path = SmokeModelFactory.EnsureSmokeModel(dir.Path, SmokeModelKind.Qwen2ChatMl);
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);

        SmokeModelFactory.EnsureSmokeModel(dir.Path, SmokeModelKind.Qwen2ChatMl);

        Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void EnsureSmokeModel_TruncatedFile_IsRewritten()
    {
        using var dir = new TempDirectory();
        var path = SmokeModelFactory.EnsureSmokeModel(dir.Path, SmokeModelKind.Llama);
        var good = File.ReadAllBytes(path);
        File.WriteAllBytes(path, good[..1000]);

        SmokeModelFactory.EnsureSmokeModel(dir.Path, SmokeModelKind.Llama);

        Assert.Equal(good, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(SmokeModelKind.Llama)]
    [InlineData(SmokeModelKind.Qwen2ChatMl)]
    [InlineData(SmokeModelKind.Qwen2DeepSeekR1)]
    public void CreateWriter_SameSpec_ByteIdenticalFiles(SmokeModelKind kind)
    {
        var spec = SmokeModelSpec.Tiny(kind);

        Assert.Equal(GgufSamples.Bytes(SmokeModelFactory.CreateWriter(spec)), GgufSamples.Bytes(SmokeModelFactory.CreateWriter(spec)));
    }

    [Fact]
    public void CreateWriter_DifferentSeed_DifferentWeights()
    {
        var spec = SmokeModelSpec.Tiny(SmokeModelKind.Llama);

        Assert.NotEqual(GgufSamples.Bytes(SmokeModelFactory.CreateWriter(spec)), GgufSamples.Bytes(SmokeModelFactory.CreateWriter(spec with { Seed = 7 })));
    }

    [Fact]
    public void Qwen2ChatMl_Vocabulary_IsByteLevelBpeWithControlTokensAndImEndAsEos()
    {
        var file = Tiny(SmokeModelKind.Qwen2ChatMl);
        var tokens = file.GetStringArray("tokenizer.ggml.tokens")!;
        var types = file.Metadata["tokenizer.ggml.token_type"].AsArray<int>();

        Assert.Equal("gpt2", file.GetString("tokenizer.ggml.model"));
        Assert.Equal("qwen2", file.GetString("tokenizer.ggml.pre"));
        // All 256 bytes, GPT-2 style: '!' first, space as 'Ġ', newline as 'Ċ'.
        Assert.Equal(256, tokens.Take(256).Distinct().Count());
        Assert.Equal("!", tokens[0]);
        Assert.Contains("Ġ", tokens.Take(256));
        Assert.Contains("Ċ", tokens.Take(256));
        Assert.Equal(["<|endoftext|>", "<|im_start|>", "<|im_end|>"], tokens.TakeLast(3));
        Assert.All(types.TakeLast(3), t => Assert.Equal(3, t));
        Assert.Equal((uint)tokens.Count - 1, file.GetUInt32("tokenizer.ggml.eos_token_id"));
        var vocab = tokens.ToHashSet();
        var merges = file.GetStringArray("tokenizer.ggml.merges")!;
        Assert.NotEmpty(merges);
        Assert.All(merges, m => Assert.Contains(m.Replace(" ", ""), vocab));
        Assert.Contains("Ġgovernment", vocab);
    }

    [Fact]
    public void Qwen2ChatMl_HasChatMlTemplateAndAttentionBiases()
    {
        var file = Tiny(SmokeModelKind.Qwen2ChatMl);

        Assert.Equal(SmokeChatTemplates.ChatMl, file.GetString("tokenizer.chat_template"));
        Assert.Contains("'<|im_start|>assistant\\n'", SmokeChatTemplates.ChatMl);
        Assert.Contains(file.Tensors, t => t.Name == "blk.1.attn_q.bias" && t.Dimensions.SequenceEqual([64L]));
        Assert.Contains(file.Tensors, t => t.Name == "blk.1.attn_k.bias" && t.Dimensions.SequenceEqual([32L]));
        Assert.Equal(4096u, file.GetUInt32("qwen2.context_length"));
    }

    [Fact]
    public void Qwen2DeepSeekR1_HasR1TokensAndThinkOpeningTemplate()
    {
        var file = Tiny(SmokeModelKind.Qwen2DeepSeekR1);
        var tokens = file.GetStringArray("tokenizer.ggml.tokens")!.ToList();

        foreach (var special in new[] { "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>", "<think>", "</think>" })
            Assert.Contains(special, tokens);
        Assert.Equal((uint)tokens.IndexOf("<｜begin▁of▁sentence｜>"), file.GetUInt32("tokenizer.ggml.bos_token_id"));
        Assert.Equal((uint)tokens.IndexOf("<｜end▁of▁sentence｜>"), file.GetUInt32("tokenizer.ggml.eos_token_id"));
        var template = file.GetString("tokenizer.chat_template")!;
        Assert.Contains("'<｜Assistant｜><think>\\n'", template);
        Assert.Contains("<｜User｜>", template);
    }

    [Fact]
    public void Llama_Vocabulary_IsSentencePieceWithByteFallback()
    {
        var file = Tiny(SmokeModelKind.Llama);
        var tokens = file.GetStringArray("tokenizer.ggml.tokens")!;

        Assert.Equal("llama", file.GetString("tokenizer.ggml.model"));
        Assert.Equal(["<unk>", "<s>", "</s>", "<0x00>"], tokens.Take(4));
        Assert.Equal("<0xFF>", tokens[258]);
        Assert.Contains("▁Taiwan", tokens);
        Assert.Equal(tokens.Count, file.Metadata["tokenizer.ggml.scores"].ArrayLength);
        Assert.Null(file.GetString("tokenizer.chat_template"));
        Assert.Equal((1u, 2u), (file.GetUInt32("tokenizer.ggml.bos_token_id"), file.GetUInt32("tokenizer.ggml.eos_token_id")));
    }

    [Fact]
    public void CreateWriter_CustomSizes_ShapesTensorsAndMetadata()
    {
        var spec = SmokeModelSpec.Tiny(SmokeModelKind.Qwen2ChatMl) with
        {
            EmbeddingLength = 96, LayerCount = 3, HeadCount = 6, KvHeadCount = 3, FeedForwardLength = 160,
            VocabSize = 700, ContextLength = 1024, WeightType = GgmlType.F16,
        };
        var file = GgufSamples.Read(GgufSamples.Bytes(SmokeModelFactory.CreateWriter(spec)));
        var info = GgufModelInfo.FromFile(file);

        Assert.Equal(700, file.GetStringArray("tokenizer.ggml.tokens")!.Count);
        Assert.Equal(new long[] { 96, 700 }, file.Tensors.Single(t => t.Name == "token_embd.weight").Dimensions);
        Assert.Equal(new long[] { 96, 48 }, file.Tensors.Single(t => t.Name == "blk.2.attn_v.weight").Dimensions);
        Assert.Equal(GgmlType.F16, file.Tensors.Single(t => t.Name == "blk.2.ffn_down.weight").Type);
        Assert.Equal(GgmlType.F32, file.Tensors.Single(t => t.Name == "blk.2.ffn_norm.weight").Type);
        Assert.Equal(("F16", 1024), (info.FileType, info.TrainingContext));
    }

    [Fact]
    public void Spec_HeadsThatDoNotDivide_Rejected() =>
        Assert.Throws<ArgumentException>(() => SmokeModelFactory.CreateWriter(SmokeModelSpec.Tiny(SmokeModelKind.Llama) with { HeadCount = 5 }));
}
