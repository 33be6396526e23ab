namespace AuditKit.Classification.Inference;

/// <summary>
/// A classifier file that cannot be used: not ONNX, not an AuditKit model, or metadata that disagrees with the graph.
/// The message names the file and, for metadata, the key; callers show it to the user as bad input.
/// </summary>
public sealed class ClassifierFormatException(string message, Exception? inner = null) : Exception(message, inner);
