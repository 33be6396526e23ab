namespace AuditKit.Core.Reasoning;

/// <summary>A model output separated into its reasoning trace and final answer.</summary>
/// <param name="Reasoning">Null when the output carried no trace; empty when the trace was opened and closed with nothing in it.</param>
/// <param name="Answer">The final answer, trimmed.</param>
/// <param name="TraceUnclosed">True when a trace was opened but never closed (generation stopped mid-thought); the answer is then empty.</param>
public sealed record ReasoningSplit(string? Reasoning, string Answer, bool TraceUnclosed);
