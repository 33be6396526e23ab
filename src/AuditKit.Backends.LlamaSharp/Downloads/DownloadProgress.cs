namespace AuditKit.Backends.LlamaSharp.Downloads;

/// <summary>Bytes on disk so far (resumed bytes included) and the total when the server said it.</summary>
public sealed record DownloadProgress(long Bytes, long? TotalBytes);
