namespace AuditKit.Cli;

/// <summary>A bad option value or combination; reported as one line with exit code 2.</summary>
public sealed class UserInputException(string message) : Exception(message);
