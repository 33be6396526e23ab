namespace AuditKit.Benchmarks;

/// <summary>Where and how big to run the benchmarks.</summary>
/// <param name="Quick">A fast, smaller run: the tiny smoke model, fewer prompts and tokens, one repetition.</param>
/// <param name="ModelDirectory">Cache folder for the generated models; the ~200 MB benchmark model is written once and reused.</param>
/// <param name="ScratchDirectory">Folder for temporary run stores; the caller deletes it.</param>
/// <param name="Threads">CPU threads given to llama.cpp on both sides of every comparison.</param>
public sealed record BenchmarkSettings(bool Quick, string ModelDirectory, string ScratchDirectory, int Threads)
{
    /// <summary>Measured repetitions per side (after one warm-up); the median is reported.</summary>
    /// <remarks>Seven rather than five: on a 2-core machine shared with other work, single repetitions of the
    /// generation figures spread by +-15%, and the median of seven lands within a few percent run to run.</remarks>
    public int Repetitions => Quick ? 1 : 7;

    /// <summary>The public labelled data (../shared/data beside the checkout); figures that need it fail with its path when it is missing.</summary>
    public string SharedDataDirectory { get; init; } = Path.Combine("..", "shared", "data");
}
