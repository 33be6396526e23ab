namespace AuditKit.Probes.Plans;

/// <summary>An audit plan that cannot be used. The message is one line naming the file and line.</summary>
public sealed class PlanFormatException(string message) : Exception(message);
