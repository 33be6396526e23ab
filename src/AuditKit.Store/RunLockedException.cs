namespace AuditKit.Store;

/// <summary>Another process is writing to the same run folder.</summary>
public sealed class RunLockedException(string message) : Exception(message);
