namespace AuditKit.Reporting.Exporters;

/// <summary>What a set of exporters produced: the files written and the formats that failed.</summary>
public sealed record ExportResult(IReadOnlyList<string> Files, IReadOnlyList<ExportFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}
