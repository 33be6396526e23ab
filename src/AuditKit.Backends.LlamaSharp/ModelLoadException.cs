namespace AuditKit.Backends.LlamaSharp;

/// <summary>llama.cpp refused a model file that passed managed validation (or the native library could not load).</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
