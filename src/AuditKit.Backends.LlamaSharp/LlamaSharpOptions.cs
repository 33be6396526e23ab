namespace AuditKit.Backends.LlamaSharp;

/// <summary>How to load and run a local GGUF model.</summary>
/// <param name="ContextSize">Tokens per conversation (prompt plus answer). Prompts longer than this are stored as errors.</param>
/// <param name="Parallel">Conversations decoded together in one batch; the KV cache is sized for all of them.</param>
/// <param name="Threads">CPU threads; null lets llama.cpp choose.</param>
/// <param name="GpuLayers">Layers offloaded to the GPU (needs a GPU build of llama.cpp, see <paramref name="NativeLibraryPath"/>).</param>
/// <param name="NativeLibraryPath">A libllama.so built with CUDA (or another backend) to use instead of the bundled CPU build.</param>
public sealed record LlamaSharpOptions(
    string ModelPath,
    int ContextSize,
    int Parallel,
    int? Threads,
    int GpuLayers,
    string? NativeLibraryPath);
