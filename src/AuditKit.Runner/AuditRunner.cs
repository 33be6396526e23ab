using System.Diagnostics;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Reasoning;
using AuditKit.Core.Runs;
using AuditKit.Store;

namespace AuditKit.Runner;

/// <summary>
/// Asks a backend every planned attempt not yet stored and stores each answer as soon as it arrives. Because seeds
/// derive from the attempt key and stored attempts are skipped, an interrupted run resumed with the same command
/// ends with exactly the attempts an uninterrupted one would have.
/// </summary>
public sealed class AuditRunner(IModelBackend backend, RunStore store, TimeProvider clock)
{
    /// <param name="parallel">Attempts in flight at once; a backend may batch them (llama.cpp) or send them concurrently (HTTP).</param>
    public async Task<RunOutcome> RunAsync(
        IReadOnlyList<PlannedAttempt> plan, SamplerSettings sampler, int parallel,
        IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var stored = store.SucceededKeys();
        var pending = plan.Where(p => !stored.Contains(p.Key)).ToList();
        int alreadyStored = plan.Count - pending.Count;
        int succeeded = 0, failed = 0;
        long tokens = 0;
        var started = Stopwatch.StartNew();
        var storeLock = new object();

        progress.Report(new RunProgress(alreadyStored, plan.Count, 0, 0, TimeSpan.Zero, null));

        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var seed = AttemptSeed.For(sampler.Seed, item.Key);
                Generation generation;
                try
                {
                    generation = await backend.GenerateAsync(new GenerationRequest([ChatMessage.User(item.Prompt)], sampler, seed), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Backends should return failures, not throw them; if one throws anyway, the attempt is stored as failed
                    // (and retried by a rerun) instead of ending the run.
                    generation = Generation.Failed($"backend error: {e.GetType().Name}: {e.Message}");
                }
                var attempt = ToAttempt(item, generation, seed);
                lock (storeLock)
                {
                    store.SaveAttempt(attempt);
                    if (attempt.Succeeded) succeeded++; else failed++;
                    tokens += attempt.CompletionTokens;
                    int doneHere = succeeded + failed;
                    var elapsed = started.Elapsed;
                    progress.Report(new RunProgress(alreadyStored + doneHere, plan.Count, failed, tokens, elapsed, item.Key)
                    {
                        Remaining = elapsed / doneHere * (pending.Count - doneHere),
                    });
                }
            });

        return new RunOutcome(plan.Count, alreadyStored, succeeded, failed);
    }

    private Attempt ToAttempt(PlannedAttempt item, Generation g, long seed)
    {
        // A server that returns reasoning separately (reasoning_content) may still leave a tagged trace in the content.
        var split = ReasoningSplitter.Split(g.Text, g.StartsInsideReasoning, g.ServerReasoning);
        return new Attempt
        {
            Key = item.Key,
            Topic = item.Probe.Topic,
            Kind = item.Probe.Kind.ToString().ToLowerInvariant(),
            Prompt = item.Prompt,
            PromptAsSent = g.PromptAsSent,
            RawOutput = g.Text,
            Reasoning = split.Reasoning,
            Response = split.Answer,
            PromptTokens = g.PromptTokens,
            CompletionTokens = g.CompletionTokens,
            DurationMs = g.DurationMs,
            FinishReason = g.FinishReason,
            Moderation = g.Moderation,
            Error = g.Error,
            Seed = seed,
            CompletedAt = clock.GetUtcNow(),
        };
    }
}
