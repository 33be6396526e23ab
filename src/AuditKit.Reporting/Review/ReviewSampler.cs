using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Reporting.Review;

/// <summary>
/// Draws the attempts a person labels blind: per model, a uniform random sample without replacement of the answers
/// that count in the rates. Uniform within the model, so that within every cell of that model (a language, a topic)
/// the labelled answers are a uniform sample too: the condition prediction-powered correction needs.
/// </summary>
public static class ReviewSampler
{
    /// <summary>An attempt the sampler drew, with the run it came from.</summary>
    public sealed record Drawn(RunSnapshot Run, ClassifiedAttempt Attempt);

    /// <summary>
    /// Answers that a reviewer can label and that the rates count: the model answered (no failure, no provider
    /// filter) with some text. Whether the classifier has seen them does not matter.
    /// </summary>
    public static bool IsReviewable(Attempt attempt) =>
        attempt.Succeeded && attempt.Moderation is null && !string.IsNullOrWhiteSpace(attempt.Response);

    /// <param name="perModel">How many to draw for each model; every reviewable answer when a model has fewer.</param>
    /// <param name="seed">The same runs, size and seed always give the same sample.</param>
    /// <returns>The drawn attempts in a seeded random order across models, so a reviewer does not label one model in a block.</returns>
    public static IReadOnlyList<Drawn> Draw(IReadOnlyList<RunSnapshot> runs, int perModel, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perModel, 1);
        var random = new Random(seed);
        var drawn = new List<Drawn>();
        var byModel = runs
            .SelectMany(run => ReviewableAttempts(run).Select(a => new Drawn(run, a)))
            .GroupBy(d => d.Attempt.Attempt.Key.Model, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var model in byModel)
        {
            // A stable order before shuffling: the store's row order must not decide who gets labelled.
            var pool = model.OrderBy(d => d.Run.Manifest.RunId, StringComparer.Ordinal)
                .ThenBy(d => d.Attempt.Attempt.Key.ProbeId, StringComparer.Ordinal)
                .ThenBy(d => d.Attempt.Attempt.Key.Language, StringComparer.Ordinal)
                .ThenBy(d => d.Attempt.Attempt.Key.Sample).ToArray();
            random.Shuffle(pool);
            drawn.AddRange(pool.Take(perModel));
        }
        var order = drawn.ToArray();
        random.Shuffle(order);
        return WithTexts(order, runs);
    }

    /// <summary>
    /// The attempts of <paramref name="run"/> a reviewer can label, as <see cref="RunSnapshot.Attempts"/> holds them.
    /// Whether an answer has text is read in one pass over the answers, so a run read without its texts (it may hold a
    /// million) is sampled as a whole one would be.
    /// </summary>
    public static IEnumerable<ClassifiedAttempt> ReviewableAttempts(RunSnapshot run)
    {
        int i = 0;
        foreach (var a in run.WithTexts())
        {
            var held = run.Attempts[i++];
            if (IsReviewable(a.Attempt)) yield return held;
        }
    }

    /// <summary>The drawn attempts with their answers, one pass over each run that holds any of them.</summary>
    private static Drawn[] WithTexts(Drawn[] drawn, IReadOnlyList<RunSnapshot> runs)
    {
        foreach (var run in runs.Where(r => r.DeferredTexts is not null))
        {
            var wanted = drawn.Where(d => d.Run == run).Select(d => d.Attempt.Attempt.Key).ToHashSet();
            if (wanted.Count == 0) continue;
            var full = run.WithTexts().Where(a => wanted.Contains(a.Attempt.Key)).ToDictionary(a => a.Attempt.Key);
            for (int i = 0; i < drawn.Length; i++)
                if (drawn[i].Run == run) drawn[i] = drawn[i] with { Attempt = full[drawn[i].Attempt.Attempt.Key] };
        }
        return drawn;
    }
}
