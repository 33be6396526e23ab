namespace AuditKit.Store;

/// <summary>Writing to the store failed (disk full, read-only folder). Committed attempts are unaffected.</summary>
public sealed class StoreWriteException(string message) : Exception(message);
