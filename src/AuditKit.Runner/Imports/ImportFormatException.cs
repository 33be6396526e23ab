namespace AuditKit.Runner.Imports;

/// <summary>A transcript file that cannot be imported; the message names the file and line.</summary>
public sealed class ImportFormatException(string message) : Exception(message);
