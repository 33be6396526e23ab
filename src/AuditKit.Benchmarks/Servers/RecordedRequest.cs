namespace AuditKit.Benchmarks.Servers;

/// <summary>A request as the server received it.</summary>
public sealed record RecordedRequest(int Number, string Path, string? Authorization, string Body, string Prompt);
