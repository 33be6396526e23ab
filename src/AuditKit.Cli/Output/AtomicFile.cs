namespace AuditKit.Cli.Output;

/// <summary>
/// Writes an output file so that a reader (or a kill -9) sees the old file or the new one, never a part: the content
/// goes to a temporary file beside it, is flushed to disk, and is then renamed over the target in one step.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/> into a temporary stream, then replaces <paramref name="path"/>.</summary>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        ReplaceAsync(path, async temp =>
        {
            // CreateNew: a file or link planted under the temporary name is never written through.
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await write(stream, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>For writers that take a path: <paramref name="writeTo"/> writes the temporary path, which then replaces <paramref name="path"/>.</summary>
    public static async Task ReplaceAsync(string path, Func<string, Task> writeTo)
    {
        var full = Path.GetFullPath(path);
        var prefix = $".{Path.GetFileName(full)}{TempInfix}";
        RemoveLeftovers(Path.GetDirectoryName(full)!, prefix);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, prefix + Guid.NewGuid().ToString("N"));
        try
        {
            await writeTo(temp).ConfigureAwait(false);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            // Gone after the rename; after a failure (a full disk, say) no partial or empty file is left behind.
            try { File.Delete(temp); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    private const string TempInfix = ".auditkit-tmp-";

    /// <summary>Temporary files left by a process killed mid-write, as <see cref="AtomicFolder"/> removes its folders: what they held was never in place.</summary>
    private static void RemoveLeftovers(string folder, string prefix)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var leftover in Directory.EnumerateFiles(folder, "*" + TempInfix + "*").Where(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal)))
        {
            try { File.Delete(leftover); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    public static void WriteAllText(string path, string text) =>
        ReplaceAsync(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(text);
            stream.Flush(flushToDisk: true);
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}
