using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Gguf.Format;
using AuditKit.Gguf.SmokeModels;
using AuditKit.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuditKit.Backends.LlamaSharp.Tests;

/// <summary>Real generations through llama.cpp on the project's smoke models and on the trained stories260K model.</summary>
public class LlamaSharpBackendTests
{
    private static readonly SamplerSettings Greedy = SamplerSettings.Default with { MaxTokens = 24 };

    private static LlamaSharpBackend Load(string path, int parallel = 1, int context = 256) =>
        LlamaSharpBackend.Load(new LlamaSharpOptions(path, context, parallel, Threads: 2, GpuLayers: 0, NativeLibraryPath: null), NullLogger.Instance);

    private static GenerationRequest Ask(string prompt, SamplerSettings? sampler = null, long seed = 1) =>
        new([ChatMessage.User(prompt)], sampler ?? Greedy, seed);

    [Fact]
    public async Task GenerateAsync_Qwen2ChatMlSmokeModel_FormatsWithItsTemplateAndGenerates()
    {
        await using var backend = Load(SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl));
        var g = await backend.GenerateAsync(Ask("What happened in Beijing on 4 June 1989?"), CancellationToken.None);

        Assert.Null(g.Error);
        Assert.Equal("chatml", backend.Model.ChatTemplateFamily);
        Assert.StartsWith("<|im_start|>system\n", g.PromptAsSent);
        Assert.EndsWith("<|im_start|>user\nWhat happened in Beijing on 4 June 1989?<|im_end|>\n<|im_start|>assistant\n", g.PromptAsSent);
        Assert.InRange(g.CompletionTokens, 1, 24);
        Assert.True(g.FinishReason is FinishReason.Stop or FinishReason.Length);
        Assert.True(g.PromptTokens > 10);
        Assert.Equal("qwen2", backend.Model.Architecture);
        Assert.Equal(64, backend.Model.Sha256!.Length);
    }

    [Fact]
    public async Task GenerateAsync_DeepSeekR1SmokeModel_MarksOutputAsStartingInsideTheTrace()
    {
        await using var backend = Load(SmokeModels.Path_(SmokeModelKind.Qwen2DeepSeekR1));
        var g = await backend.GenerateAsync(Ask("Is Taiwan a country?"), CancellationToken.None);
        Assert.Equal("deepseek-r1", backend.Model.ChatTemplateFamily);
        Assert.True(g.StartsInsideReasoning);
        Assert.EndsWith("<｜User｜>Is Taiwan a country?<｜Assistant｜><think>\n", g.PromptAsSent);
    }

    [SharedDataFact("tinyllama-stories260k/stories260K.gguf")]
    public async Task GenerateAsync_Stories260K_UsesRecordedFallbackAndWritesEnglish()
    {
        await using var backend = Load(RepoPaths.Stories260K);
        var g = await backend.GenerateAsync(Ask("Once upon a time", Greedy with { MaxTokens = 40 }), CancellationToken.None);
        Assert.Null(g.Error);
        Assert.Equal("fallback:plain", backend.Model.ChatTemplateFamily);
        Assert.Equal("User: Once upon a time\nAssistant:", g.PromptAsSent);
        // A trained story model writes ordinary words; random weights would not.
        Assert.Matches(@"\b(the|a|was|and|to)\b", g.Text);
    }

    [Fact]
    public async Task GenerateAsync_PromptLongerThanContext_ReturnsErrorAndKeepsWorking()
    {
        await using var backend = Load(SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl), context: 64);
        var tooLong = await backend.GenerateAsync(Ask(string.Join(' ', Enumerable.Repeat("protest", 200))), CancellationToken.None);
        Assert.Equal(FinishReason.Error, tooLong.FinishReason);
        Assert.Contains("more than the context of 64", tooLong.Error);

        var fine = await backend.GenerateAsync(Ask("hi", Greedy with { MaxTokens = 4 }), CancellationToken.None);
        Assert.Null(fine.Error);
    }

    [Fact]
    public async Task GenerateAsync_ParallelBatches_GiveTheSameGreedyAnswersAsSequential()
    {
        var prompts = new[] { "Taiwan", "Tibet 1959", "Hong Kong 2019", "Xinjiang camps", "Li Wenliang", "Liu Xiaobo" };
        var path = SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl);
        string[] sequential;
        await using (var one = Load(path, parallel: 1))
        {
            sequential = new string[prompts.Length];
            for (int i = 0; i < prompts.Length; i++) sequential[i] = (await one.GenerateAsync(Ask(prompts[i]), CancellationToken.None)).Text;
        }
        await using var batched = Load(path, parallel: 4);
        var results = await Task.WhenAll(prompts.Select(p => batched.GenerateAsync(Ask(p), CancellationToken.None)));
        Assert.True(sequential.Distinct().Count() > 1, "the prompts should not all produce the same answer");
        Assert.Equal(sequential, results.Select(r => r.Text).ToArray());
    }

    [Fact]
    public async Task GenerateAsync_NewPromptsLongerThanOneBatchTogether_StartOverSeveralStepsWithTheSameAnswers()
    {
        // Four prompts of ~300 tokens cannot enter one 512-token batch together: later ones wait a step or more.
        var prompts = Enumerable.Range(0, 4).Select(i => string.Join(' ', Enumerable.Repeat($"protest {i}", 32))).ToArray();
        var path = SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl);
        var few = Greedy with { MaxTokens = 6 };
        string[] sequential;
        await using (var one = Load(path, parallel: 1, context: 512))
        {
            sequential = new string[prompts.Length];
            for (int i = 0; i < prompts.Length; i++) sequential[i] = (await one.GenerateAsync(Ask(prompts[i], few), CancellationToken.None)).Text;
        }
        await using var batched = Load(path, parallel: 4, context: 512);
        var results = await Task.WhenAll(prompts.Select(p => batched.GenerateAsync(Ask(p, few), CancellationToken.None)));
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.All(results, r => Assert.InRange(r.PromptTokens, 250, 511));
        Assert.Equal(sequential, results.Select(r => r.Text).ToArray());
    }

    [Fact]
    public async Task GenerateAsync_OneCallerCancels_OthersInTheSameBatchFinish()
    {
        await using var backend = Load(SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl), parallel: 3);
        using var cancel = new CancellationTokenSource();
        var long_ = Greedy with { MaxTokens = 200 };
        var cancelled = backend.GenerateAsync(Ask("Tibet", long_), cancel.Token);
        var others = new[] { backend.GenerateAsync(Ask("Taiwan"), CancellationToken.None), backend.GenerateAsync(Ask("Xinjiang"), CancellationToken.None) };
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        foreach (var g in await Task.WhenAll(others)) Assert.Null(g.Error);
        // The cancelled generation's sequence is free again: a new call still gets an answer.
        Assert.Null((await backend.GenerateAsync(Ask("Hong Kong"), CancellationToken.None)).Error);
    }

    [Fact]
    public async Task GenerateAsync_SameSeedAtTemperature_IsReproducible()
    {
        var hot = Greedy with { Temperature = 0.9, TopP = 0.95 };
        await using var backend = Load(SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl));
        var a = await backend.GenerateAsync(Ask("Taiwan", hot, seed: 7), CancellationToken.None);
        var b = await backend.GenerateAsync(Ask("Taiwan", hot, seed: 7), CancellationToken.None);
        Assert.Equal(a.Text, b.Text);
    }

    [Fact]
    public void Load_CorruptFile_ThrowsManagedFormatErrorBeforeLlamaCppSeesIt()
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(SmokeModels.Path_(SmokeModelKind.Qwen2ChatMl));
        var truncated = dir.File("truncated.gguf");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<GgufFormatException>(() => Load(truncated));
        Assert.Contains("truncated.gguf", e.Message);
    }
}
