namespace AuditKit.Store;

/// <summary>A run folder already holds a run with a different model or settings; mixing them would corrupt the audit.</summary>
public sealed class RunMismatchException(string message) : Exception(message);
