namespace AuditKit.Cli.Output;

/// <summary>
/// Checks that a file can be written where an option asks, before the work that produces it: training runs for a minute
/// or more and otherwise failed only at the end, losing everything.
/// </summary>
internal static class WritableFile
{
    /// <summary>Creates the file's folder and writes and deletes a probe file in it; an existing file must open for writing.</summary>
    /// <exception cref="UserInputException">Empty path, a folder, a path under a file, or a folder or file that cannot be written.</exception>
    public static void Ensure(string option, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException($"{option}: empty path");
        try
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full)) throw new UserInputException($"{option}: {TerminalText.Safe(path)} is a folder; give a file name");
            var folder = Path.GetDirectoryName(full)!;
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".auditkit-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}");
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
                stream.WriteByte(0);
            // Opening without truncating: an existing file keeps its content until the real write replaces it.
            if (File.Exists(full))
                using (new FileStream(full, FileMode.Open, FileAccess.Write)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"{option}: cannot write {TerminalText.Safe(path)} ({TerminalText.Safe(e.Message)})");
        }
    }
}
