using System.Diagnostics;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using AuditKit.Core.Reasoning;
using AuditKit.Core.Runs;
using AuditKit.Runner.FailFast;
using AuditKit.Store;
using Microsoft.Extensions.Logging;

namespace AuditKit.Runner;

/// <summary>
/// Asks a backend every planned attempt not yet stored and stores each answer as soon as it arrives. Because seeds
/// derive from the attempt key and stored attempts are skipped, an interrupted run resumed with the same command
/// ends with exactly the attempts an uninterrupted one would have.
/// </summary>
public sealed class AuditRunner(IModelBackend backend, RunStore store, TimeProvider clock, ILogger<AuditRunner> logger)
{
    /// <param name="parallel">Attempts in flight at once; a backend may batch them (llama.cpp) or send them concurrently (HTTP).</param>
    /// <param name="breaker">Stops the run early when requests keep failing; what is stored stays stored.</param>
    public async Task<RunOutcome> RunAsync(
        IReadOnlyList<PlannedAttempt> plan, SamplerSettings sampler, int parallel, CircuitBreaker breaker,
        IProgress<RunProgress> progress, CancellationToken cancellationToken)
    {
        var stored = store.SucceededKeys();
        var pending = plan.Where(p => !stored.Contains(p.Key)).ToList();
        int alreadyStored = plan.Count - pending.Count;
        int succeeded = 0, failed = 0;
        long tokens = 0;
        var started = Stopwatch.StartNew();

        progress.Report(new RunProgress(alreadyStored, plan.Count, 0, 0, TimeSpan.Zero, null));

        // Counts change only on the writer thread, after a commit: progress never shows an attempt not yet durable.
        var writer = new GroupCommitWriter(store, committed =>
        {
            foreach (var attempt in committed)
            {
                if (attempt.Succeeded) succeeded++; else failed++;
                tokens += attempt.CompletionTokens;
            }
            int doneHere = succeeded + failed;
            var elapsed = started.Elapsed;
            progress.Report(new RunProgress(alreadyStored + doneHere, plan.Count, failed, tokens, elapsed, committed[^1].Key)
            {
                Remaining = elapsed / doneHere * (pending.Count - doneHere),
            });
        });
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, breaker.Tripped);
        string? stoppedBy = null;
        try
        {
            await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = stopping.Token },
                async (item, ct) =>
                {
                    var seed = AttemptSeed.For(sampler.Seed, item.Key);
                    Generation generation;
                    try
                    {
                        generation = await backend.GenerateAsync(new GenerationRequest([ChatMessage.User(item.Prompt)], sampler, seed), ct);
                    }
                    catch (Exception e) when (e is not (OperationCanceledException or RunMismatchException))
                    {
                        // Backends should return failures, not throw them; if one throws anyway, the attempt is stored as failed
                        // (and retried by a rerun) instead of ending the run.
                        generation = Generation.Failed($"backend error: {e.GetType().Name}: {e.Message}");
                    }
                    if (!breaker.CountsHttpRequests)
                    {
                        if (generation.Error is { } error) breaker.RecordFailure(FailureCauses.Of(error), error);
                        else breaker.RecordSuccess();
                    }
                    // Waiting for the commit keeps at most `parallel` attempts unacknowledged, as before group commits.
                    await writer.StoreAsync(ToAttempt(item, generation, seed));
                });
        }
        catch (OperationCanceledException) when (breaker.Reason is { } reason && !cancellationToken.IsCancellationRequested)
        {
            // Attempts abandoned in flight are not stored; a rerun asks them again.
            stoppedBy = reason;
            logger.LogError("Stopped early: {Reason}", reason);
        }
        finally
        {
            // Answers already received when the run is interrupted are still stored.
            writer.Complete();
        }

        return new RunOutcome(plan.Count, alreadyStored, succeeded, failed)
        {
            Elapsed = started.Elapsed,
            CompletionTokens = tokens,
            StoppedBy = stoppedBy,
        };
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
