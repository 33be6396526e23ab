using AuditKit.Backends.LlamaSharp;
using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.Gguf.SmokeModels;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Backends;

/// <summary>Loads a local GGUF model for <c>run --model</c> and the local models of an audit plan alike.</summary>
internal static class LocalBackendFactory
{
    /// <param name="reference">A GGUF path, <c>ollama:</c> or <c>hf:</c> reference; null for the built-in smoke model.</param>
    public static LlamaSharpBackend Load(string? reference, int context, int parallel, int? threads, int gpuLayers, string? nativeLibrary, ILoggerFactory logs)
    {
        var modelPath = reference is not null
            ? new ModelResolver(ModelStores.FromEnvironment()).Resolve(reference)
            : SmokeModelFactory.EnsureSmokeModel(ToolPaths.SmokeModels(), SmokeModelKind.Qwen2ChatMl);
        return LlamaSharpBackend.Load(new LlamaSharpOptions(modelPath, context, parallel, threads, gpuLayers, nativeLibrary), logs.CreateLogger<LlamaSharpBackend>());
    }
}
