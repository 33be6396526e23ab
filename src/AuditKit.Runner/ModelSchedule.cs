namespace AuditKit.Runner;

/// <summary>
/// The order an audit runs its models in: local models one after another (they share the CPU or GPU and its memory),
/// endpoint models at once up to a limit (each waits on a server, not on this machine), both kinds side by side.
/// </summary>
public static class ModelSchedule
{
    /// <param name="isEndpoint">Whether a model is served (runs concurrently) rather than local (runs in turn).</param>
    /// <param name="maxConcurrentEndpoints">Endpoint models in flight at once; 1 runs them one after another too.</param>
    /// <returns>Each model's result, in the order of <paramref name="models"/>.</returns>
    public static async Task<IReadOnlyList<TResult>> RunAsync<TModel, TResult>(IReadOnlyList<TModel> models, Func<TModel, bool> isEndpoint,
        int maxConcurrentEndpoints, Func<TModel, Task<TResult>> run, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentEndpoints, 1);
        var results = new TResult[models.Count];
        var local = Task.Run(async () =>
        {
            for (int i = 0; i < models.Count; i++)
                if (!isEndpoint(models[i])) results[i] = await run(models[i]).ConfigureAwait(false);
        }, cancellationToken);
        using var slots = new SemaphoreSlim(maxConcurrentEndpoints);
        var remote = Enumerable.Range(0, models.Count).Where(i => isEndpoint(models[i])).Select(async i =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { results[i] = await run(models[i]).ConfigureAwait(false); }
            finally { slots.Release(); }
        }).ToList();
        await Task.WhenAll([local, .. remote]).ConfigureAwait(false);
        return results;
    }
}
