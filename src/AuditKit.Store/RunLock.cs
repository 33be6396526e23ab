namespace AuditKit.Store;

/// <summary>
/// An exclusive lock on a run folder for the life of a writing process. .NET implements FileShare.None on Unix with
/// flock, which the kernel releases when the process dies, so a run killed with SIGKILL never leaves a stale lock.
/// </summary>
public sealed class RunLock : IDisposable
{
    public const string FileName = ".lock";
    private readonly FileStream _stream;

    private RunLock(FileStream stream) => _stream = stream;

    public static RunLock Acquire(string runDirectory)
    {
        var path = Path.Combine(runDirectory, FileName);
        // The lock file is truncated and rewritten: a link planted in a shared run folder would point that write at
        // any file the user can write.
        if (new FileInfo(path).LinkTarget is not null)
            throw new StoreFormatException($"{path}: is a symbolic link; refusing to write through it (delete it and rerun)");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StoreFormatException($"{runDirectory}: cannot write to the run folder ({e.Message})");
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new RunLockedException($"{runDirectory}: another auditkit process is writing to this run folder (lock {path}); wait for it to finish or use another --out");
        }
        catch (IOException e)
        {
            throw new StoreFormatException($"{runDirectory}: cannot create the lock file ({e.Message})");
        }
        try
        {
            stream.SetLength(0);
            using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(Environment.ProcessId);
            stream.Flush();
            return new RunLock(stream);
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw new StoreFormatException($"{path}: cannot write the lock file ({e.Message})");
        }
    }

    public void Dispose() => _stream.Dispose();
}
