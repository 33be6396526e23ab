namespace AuditKit.Cli;

/// <summary>What commands need from the outside world, passed explicitly so tests can capture output and fix the clock.</summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, TimeProvider Clock, bool Interactive);
