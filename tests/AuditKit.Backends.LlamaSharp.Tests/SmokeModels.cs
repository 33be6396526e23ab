using AuditKit.Gguf.SmokeModels;

namespace AuditKit.Backends.LlamaSharp.Tests;

/// <summary>The project's own tiny GGUF models, written once per test run into a shared temp folder.</summary>
internal static class SmokeModels
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "auditkit-test-smoke-models");

    public static string Path_(SmokeModelKind kind) => SmokeModelFactory.EnsureSmokeModel(Directory, kind);
}
