using AuditKit.Core.Backends;
using AuditKit.Store;

namespace AuditKit.Runner;

/// <summary>
/// On resume against an endpoint, refuses answers from a server that reports serving another model than the one the
/// run's stored answers came from (the same model id put in front of other weights). The first such answer ends the
/// run before it is stored.
/// </summary>
internal sealed class ServedModelCheck(IModelBackend inner, string expectedServedModel, string runDirectory) : IModelBackend
{
    public ModelDescription Model => inner.Model;

    /// <exception cref="RunMismatchException">The server now serves another model.</exception>
    public async Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        var generation = await inner.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        if (generation.Error is null && inner.Model.ServedModel is { } served && served != expectedServedModel)
            throw new RunMismatchException(
                $"{runDirectory}: holds answers of the served model '{expectedServedModel}', but {inner.Model.Endpoint} now serves '{served}'; use a new --out folder");
        return generation;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the inner backend belongs to the caller
}
