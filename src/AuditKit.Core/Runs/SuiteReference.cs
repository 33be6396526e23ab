namespace AuditKit.Core.Runs;

/// <summary>Which suite a run asked, pinned by content hash so a later edit of the file is detectable.</summary>
public sealed record SuiteReference(string Id, string Version, string ContentHash, string SourcePath);
