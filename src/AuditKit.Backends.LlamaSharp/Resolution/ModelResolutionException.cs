namespace AuditKit.Backends.LlamaSharp.Resolution;

/// <summary>A <c>--model</c> reference that does not lead to a local GGUF file.</summary>
public sealed class ModelResolutionException(string message) : Exception(message);
