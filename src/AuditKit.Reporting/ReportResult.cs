using AuditKit.Reporting.Exporters;
using AuditKit.Reporting.Summaries;

namespace AuditKit.Reporting;

/// <summary>The summary a report was built from, and what was written.</summary>
public sealed record ReportResult(AuditSummary Summary, ExportResult Export);
