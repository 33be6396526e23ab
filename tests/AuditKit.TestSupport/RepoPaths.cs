using System.Runtime.CompilerServices;

namespace AuditKit.TestSupport;

/// <summary>
/// Locates the repository and ../shared from the source tree rather than the output folder, so tests work
/// whatever --artifacts-path the build used.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared/data beside the checkout; may not exist on a user's fresh clone.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Stories260K => Path.Combine(SharedData, "tinyllama-stories260k", "stories260K.gguf");

    public static string Probes => Path.Combine(Root, "probes");

    public static string Models => Path.Combine(Root, "models");

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "AuditKit.sln")))
                    return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find AuditKit.sln above the test source or output folder.");
    }
}
