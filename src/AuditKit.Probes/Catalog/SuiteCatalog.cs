using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Catalog;

/// <summary>
/// Resolves what users type after <c>--suite</c>: a path to a YAML file, a suite name (the file name without
/// <c>.yaml</c> in the probes folder, or a suite id), a comma-separated list of either, or <c>all</c>.
/// </summary>
public sealed class SuiteCatalog(string probesDirectory)
{
    public string ProbesDirectory { get; } = probesDirectory;

    /// <summary>Every suite file in the probes folder, sorted by name for stable output.</summary>
    /// <exception cref="SuiteFormatException">The probes folder is missing or holds no suite: an empty list would look like a clean catalog.</exception>
    public IReadOnlyList<string> Files()
    {
        if (!Directory.Exists(ProbesDirectory))
            throw new SuiteFormatException($"{ProbesDirectory}: no such probes folder (set AUDITKIT_PROBES to the folder that holds the suites)");
        var files = Directory.EnumerateFiles(ProbesDirectory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new SuiteFormatException($"{ProbesDirectory}: holds no suite (*.yaml)");
    }

    public IReadOnlyList<LoadedSuite> LoadAll() => Files().Select(SuiteLoader.LoadFile).ToList();

    /// <exception cref="SuiteFormatException">A name that matches nothing, or a file that does not parse.</exception>
    public IReadOnlyList<LoadedSuite> Resolve(string selection)
    {
        var result = new List<LoadedSuite>();
        foreach (var part in selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "all") result.AddRange(LoadAll());
            else if (File.Exists(part)) result.Add(SuiteLoader.LoadFile(part));
            else result.Add(ByName(part));
        }
        if (result.Count == 0) throw new SuiteFormatException($"--suite: no suite selected by '{selection}'");
        return result.DistinctBy(s => s.Suite.SourcePath).ToList();
    }

    private LoadedSuite ByName(string name)
    {
        var file = Path.Combine(ProbesDirectory, name + ".yaml");
        if (File.Exists(file)) return SuiteLoader.LoadFile(file);
        var byId = LoadAll().FirstOrDefault(s => s.Suite.Id == name);
        return byId ?? throw new SuiteFormatException(
            $"--suite: '{name}' is neither a file nor a suite in {ProbesDirectory} (available: {string.Join(", ", Files().Select(Path.GetFileNameWithoutExtension))})");
    }
}
