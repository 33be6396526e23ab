using AuditKit.Gguf.SmokeModels;

namespace AuditKit.Benchmarks.Measurement;

/// <summary>
/// The GGUF files the generation figures run on, written by the project's own GGUF writer (nothing is downloaded):
/// the ~100M-parameter F16 qwen2 model for a full run, where a decode step costs tens of milliseconds so generation
/// dominates everything around it; the 0.5 MB tiny model for <c>--quick</c>.
/// </summary>
public static class BenchmarkModels
{
    public static string FileName100M => $"auditkit-bench-100m-qwen2-v{SmokeModelFactory.GeneratorVersion}.gguf";

    /// <summary>Path of the model to use, writing it into <see cref="BenchmarkSettings.ModelDirectory"/> first when missing.</summary>
    public static string Ensure(BenchmarkSettings settings, IProgress<string> progress)
    {
        if (settings.Quick)
            return SmokeModelFactory.EnsureSmokeModel(settings.ModelDirectory, SmokeModelKind.Qwen2ChatMl);

        Directory.CreateDirectory(settings.ModelDirectory);
        var path = Path.Combine(settings.ModelDirectory, FileName100M);
        if (File.Exists(path)) return path;
        progress.Report($"writing the ~100M-parameter benchmark model (about 200 MB, once) to {path}");
        // Written beside the target and renamed, so an interrupted write never leaves a truncated model to reuse.
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            SmokeModelFactory.Write(temp, SmokeModelSpec.Benchmark100M(SmokeModelKind.Qwen2ChatMl));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return path;
    }
}
