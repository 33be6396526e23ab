using System.Runtime.InteropServices;

namespace AuditKit.Cli.Output;

/// <summary>
/// Replaces an output folder (a report, a comparison) as a whole or not at all: the files are written into a hidden
/// sibling folder, and only when all of them are written is it exchanged with the old folder in one rename. A kill -9
/// at any moment leaves the old folder or the new one, never a mix of the two; a full disk leaves the old one.
/// </summary>
internal static class AtomicFolder
{
    private const string Staging = ".auditkit-new-";
    private const string Retired = ".auditkit-old-";

    /// <param name="folder">The output folder; it may exist (it is then replaced) or not.</param>
    /// <param name="option">The option that named it, for messages.</param>
    /// <param name="writeInto">Writes every file into the folder it is given and returns the paths written there.</param>
    public static async Task<T> ReplaceAsync<T>(string folder, string option, Func<string, Task<T>> writeInto)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var parent = Path.GetDirectoryName(full) ?? throw new UserInputException($"{option}: '{folder}' is the root folder; give a folder for the output");
        var name = Path.GetFileName(full);
        // Exchanging a link would put a folder in its place and leave what it pointed at as it was.
        if (new DirectoryInfo(full).LinkTarget is not null)
            throw new UserInputException($"{option}: '{folder}' is a symbolic link; give the folder itself");
        RemoveLeftovers(parent, name);
        var staging = Path.Combine(parent, $".{name}{Staging}{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var result = await writeInto(staging).ConfigureAwait(false);
            if (!Directory.Exists(full))
            {
                Directory.Move(staging, full);
                return result;
            }
            // Replacing the folder would take with it whatever else the user keeps there.
            var written = Directory.EnumerateFileSystemEntries(staging).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
            if (Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).FirstOrDefault(n => !written.Contains(n!)) is { } foreign)
                throw new UserInputException($"{option}: '{folder}' holds '{foreign}', which is not part of this output; the folder is replaced whole, so give an empty folder or one holding only an earlier output");
            Exchange(staging, full);
            return result;
        }
        finally
        {
            // After the exchange it holds the old output; after a failure, the part written. Neither is wanted.
            TryDelete(staging);
        }
    }

    /// <summary>Folders left by a process killed mid-write: the output they held was never in place.</summary>
    private static void RemoveLeftovers(string parent, string name)
    {
        foreach (var leftover in Directory.EnumerateDirectories(parent, $".{name}.auditkit-*"))
        {
            var rest = Path.GetFileName(leftover)[(name.Length + 1)..];
            if (rest.StartsWith(Staging, StringComparison.Ordinal) || rest.StartsWith(Retired, StringComparison.Ordinal))
                TryDelete(leftover);
        }
    }

    private static void Exchange(string staging, string target)
    {
        // renameat2(RENAME_EXCHANGE) swaps the two names in one step: there is no moment without the folder.
        if (OperatingSystem.IsLinux() && TryRenameExchange(staging, target)) return;
        // Elsewhere two renames: a kill between them leaves the old output under a retired name, removed on the next
        // start, and the folder missing until the command is rerun; never a mix.
        var retired = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}{Retired}{Guid.NewGuid():N}");
        Directory.Move(target, retired);
        Directory.Move(staging, target);
        Directory.Move(retired, staging);
    }

    private static bool TryRenameExchange(string a, string b)
    {
        try { return RenameAt2(AtCurrentDirectory, a, AtCurrentDirectory, b, RenameExchange) == 0; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
