using AuditKit.Store;

namespace AuditKit.Cli.Output;

/// <summary>
/// Checks a command's output location before any work starts: a training run or a benchmark must not find out at the
/// end that it cannot write, and no output may land on a run's own store files.
/// </summary>
internal static class OutputPaths
{
    // What a run folder is made of; writing an export or a benchmark over one of them destroys the run.
    private static readonly string[] StoreFiles =
        [RunStore.DatabaseFileName, RunStore.DatabaseFileName + "-wal", RunStore.DatabaseFileName + "-shm", RunStore.ManifestFileName, RunLock.FileName];

    /// <summary>A folder to write into: created if missing, refused if it is a file or cannot be written.</summary>
    public static string WritableFolder(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: an empty path");
        if (File.Exists(path)) throw new UserInputException($"{option}: '{path}' is a file, not a folder");
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".auditkit-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option}: cannot write to '{path}' ({e.Message})");
        }
        return path;
    }

    /// <summary>A file to write: its folder must be writable, it must not be a folder, nor one of a run's store files.</summary>
    public static string WritableFile(string? path, string option)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: an empty path");
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { throw new UserInputException($"{option}: '{path}' is not a usable path ({e.Message})"); }
        if (Directory.Exists(full)) throw new UserInputException($"{option}: '{path}' is a folder, not a file");
        // A link is judged by what it points at: writing through it would overwrite the target.
        var target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full : full;
        var folder = Path.GetDirectoryName(target)!;
        if (StoreFiles.Contains(Path.GetFileName(target), StringComparer.Ordinal) && File.Exists(Path.Combine(folder, RunStore.DatabaseFileName)))
            throw new UserInputException($"{option}: '{path}' belongs to the run stored in '{folder}'; writing there would destroy it");
        // A hard link to a store has no name to tell it by, but its first bytes do: outputs are never SQLite files.
        if (IsSqliteDatabase(target))
            throw new UserInputException($"{option}: '{path}' is a SQLite database (a run's store?); refusing to overwrite it");
        WritableFolder(Path.GetDirectoryName(full)!, option);
        try
        {
            // Opened without truncating: an existing file keeps its content until the real write replaces it.
            if (File.Exists(full))
                using (new FileStream(full, FileMode.Open, FileAccess.Write)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{option}: cannot write '{path}' ({e.Message})");
        }
        return path;
    }

    /// <summary>
    /// For a folder that exporters write fixed file names into: a link planted among them would send a report's
    /// CSV over whatever it points at, a run's store included.
    /// </summary>
    public static string FolderWithoutLinks(string? path, string option)
    {
        WritableFolder(path, option);
        foreach (var entry in new DirectoryInfo(path!).EnumerateFiles())
            if (entry.LinkTarget is not null)
                throw new UserInputException($"{option}: '{entry.FullName}' is a symbolic link; refusing to write into a folder that holds one");
        return path!;
    }

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    private static bool IsSqliteDatabase(string path)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var head = new byte[SqliteHeader.Length];
            return file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(SqliteHeader);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }
}
