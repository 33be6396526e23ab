using Xunit;

namespace AuditKit.TestSupport;

/// <summary>
/// A fact that needs a file from ../shared/data. On a fresh clone without ../shared it is reported as skipped,
/// with the missing path as the reason, instead of failing or silently passing.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string relativePath)
    {
        var full = Path.Combine(RepoPaths.SharedData, relativePath);
        if (!File.Exists(full) && !Directory.Exists(full))
            Skip = $"needs {full} (../shared/data is not present in this checkout)";
    }
}
