using System.Globalization;
using AuditKit.Backends.LlamaSharp;
using AuditKit.Backends.LlamaSharp.Resolution;
using AuditKit.Cli.Output;
using AuditKit.Core.Text;
using AuditKit.Gguf.SmokeModels;
using Microsoft.Extensions.Logging;

namespace AuditKit.Cli.Backends;

/// <summary>Loads a local GGUF model for <c>run --model</c> and the local models of an audit plan alike.</summary>
internal static class LocalBackendFactory
{
    /// <summary>More threads than this per core only adds contention; far more overflowed llama.cpp's stack (100,000) or hung (257 on 2 cores).</summary>
    public const int ThreadsPerCore = 4;

    /// <param name="reference">A GGUF path, <c>ollama:</c> or <c>hf:</c> reference; null for the built-in smoke model.</param>
    /// <param name="modelOption">How messages name the model: <c>--model</c> for <c>run</c>, a plan line for <c>audit</c>.</param>
    /// <param name="threadsOption">How messages name the thread count, likewise.</param>
    public static LlamaSharpBackend Load(string? reference, int context, int parallel, int? threads, int gpuLayers, string? nativeLibrary, ILoggerFactory logs,
        string modelOption = "--model", string threadsOption = "--threads")
    {
        if (threads is { } requested) CheckThreads(requested, threadsOption);
        var modelPath = reference is not null
            ? new ModelResolver(ModelStores.FromEnvironment()).Resolve(reference)
            : SmokeModelFactory.EnsureSmokeModel(ToolPaths.SmokeModels(), SmokeModelKind.Qwen2ChatMl);
        var backend = LlamaSharpBackend.Load(new LlamaSharpOptions(modelPath, context, parallel, threads, gpuLayers, nativeLibrary), logs.CreateLogger<LlamaSharpBackend>());
        // The name keys every attempt and is printed in every report: a bidi override would show another model.
        if (UnsafeCharacters.FirstIn(backend.Model.Name) is { } character)
        {
            backend.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new UserInputException($"{modelOption}: the model name '{TerminalText.Safe(backend.Model.Name, 80)}' contains a control or bidirectional character ({character}); rename the file");
        }
        return backend;
    }

    /// <summary>The thread count, refused when it is outside what this machine can use; <c>run</c> checks it before creating anything.</summary>
    public static int CheckThreads(int threads, string option)
    {
        var cores = Environment.ProcessorCount;
        var max = ThreadsPerCore * cores; // at least 4: ProcessorCount is never below 1
        return threads >= 1 && threads <= max ? threads
            : throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{option}: {threads} is outside 1..{max} on this machine ({max} = {ThreadsPerCore} x {cores} cores)"));
    }
}
