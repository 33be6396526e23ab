namespace AuditKit.Backends.LlamaSharp.Downloads;

/// <summary>A download that failed or whose content does not match its SHA-256; the partial file is kept for resume unless corrupt.</summary>
public sealed class DownloadException(string message) : Exception(message);
