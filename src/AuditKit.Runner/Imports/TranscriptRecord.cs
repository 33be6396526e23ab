namespace AuditKit.Runner.Imports;

/// <summary>One record of an external transcript file: its line number and its top-level fields as text.</summary>
public sealed record TranscriptRecord(string File, long Line, IReadOnlyDictionary<string, string?> Fields);
