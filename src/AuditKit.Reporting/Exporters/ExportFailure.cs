namespace AuditKit.Reporting.Exporters;

/// <summary>One format that could not be written, and why.</summary>
public sealed record ExportFailure(string Exporter, string Message, Exception Exception);
