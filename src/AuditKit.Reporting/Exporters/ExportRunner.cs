namespace AuditKit.Reporting.Exporters;

/// <summary>Runs exports one after another and keeps going when one fails, so one broken format never loses the others.</summary>
internal static class ExportRunner
{
    public static async Task<ExportResult> RunAllAsync(
        IEnumerable<(string Name, Func<CancellationToken, Task<IReadOnlyList<string>>> Export)> exports,
        CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var failures = new List<ExportFailure>();
        foreach (var (name, export) in exports)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                files.AddRange(await export(cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                failures.Add(new ExportFailure(name, ex.Message, ex));
            }
        }
        return new ExportResult(files, failures);
    }
}
