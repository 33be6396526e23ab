namespace AuditKit.Probes.Loading;

/// <summary>A suite file that cannot be read. The message is one line naming the file, line and (when known) probe.</summary>
public sealed class SuiteFormatException(string message) : Exception(message);
