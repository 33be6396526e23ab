using AuditKit.Core.Backends;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// The prompts and limits both sides of a generation figure share. Prompts are distinct so no cache can help, and
/// decoding is greedy so both sides produce the same tokens.
/// </summary>
/// <param name="ContextSize">Tokens per conversation on both sides (prompt plus answer fit with room to spare).</param>
public sealed record GenerationWorkload(string ModelPath, IReadOnlyList<string> Prompts, int MaxTokens, int ContextSize, int Threads)
{
    private static readonly string[] Subjects =
    [
        "the history of the printing press", "how tides work", "the water cycle", "the rules of chess",
        "how bread rises", "the life of honey bees", "why the sky is blue", "how vaccines are tested",
        "the invention of the telescope", "how glaciers move", "the Silk Road trade routes", "how a bicycle balances",
        "the origins of paper money", "how volcanoes form", "the migration of birds", "how lighthouses work",
    ];

    public SamplerSettings Sampler => new(Temperature: 0, TopP: 1, MaxTokens: MaxTokens, Seed: 42);

    public long TokensExpected => (long)Prompts.Count * MaxTokens;

    /// <param name="promptCount">At most 16 distinct prompts are available.</param>
    public static GenerationWorkload Create(string modelPath, int promptCount, int maxTokens, int threads) => new(
        modelPath,
        Subjects.Take(promptCount).Select(s => $"Write a short, plain explanation of {s} for a curious teenager.").ToList(),
        maxTokens,
        ContextSize: 512,
        threads);
}
