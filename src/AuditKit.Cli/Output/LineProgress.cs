namespace AuditKit.Cli.Output;

/// <summary>
/// Writes each progress line at once, in order, made safe for a terminal. <see cref="Progress{T}"/> would post lines
/// to the thread pool, so they could arrive after the command's own output.
/// </summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    private readonly Lock _gate = new();

    public void Report(string value)
    {
        lock (_gate) writer.WriteLine(TerminalText.Safe(value, 1000));
    }
}
