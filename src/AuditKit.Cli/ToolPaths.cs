namespace AuditKit.Cli;

/// <summary>Where the tool finds its suites and keeps generated files, relative to the working directory first.</summary>
public static class ToolPaths
{
    /// <summary><c>AUDITKIT_PROBES</c>, else <c>./probes</c>, else the suites copied beside the executable.</summary>
    public static string Probes()
    {
        if (Environment.GetEnvironmentVariable("AUDITKIT_PROBES") is { Length: > 0 } fromEnv) return fromEnv;
        var local = Path.GetFullPath("probes");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "probes");
    }

    /// <summary>Where smoke models are written: <c>./models/smoke</c> inside a checkout, else the user cache.</summary>
    public static string SmokeModels()
    {
        if (Directory.Exists("models")) return Path.GetFullPath(Path.Combine("models", "smoke"));
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "auditkit", "smoke");
    }

    public static string Reports() => Path.GetFullPath("reports");

    public const string ClassifierFileName = "auditkit-classifier.onnx";

    /// <summary><c>./models/auditkit-classifier.onnx</c>, else the copy beside the executable.</summary>
    public static string Classifier() => ModelsFile(ClassifierFileName);

    /// <summary><c>./models/CODEBOOK.md</c> (the labelling rules, and the LLM judge's rubric), else the copy beside the executable.</summary>
    public static string Codebook() => ModelsFile("CODEBOOK.md");

    private static string ModelsFile(string name)
    {
        var local = Path.GetFullPath(Path.Combine("models", name));
        return File.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "models", name);
    }
}
