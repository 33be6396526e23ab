namespace AuditKit.Store;

/// <summary>A run folder that is missing, not a run, or written by an incompatible version.</summary>
public sealed class StoreFormatException(string message) : Exception(message);
