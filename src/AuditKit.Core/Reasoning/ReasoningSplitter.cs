namespace AuditKit.Core.Reasoning;

/// <summary>
/// Splits R1-style output into reasoning and answer. Handles the three shapes seen in practice:
/// <c>&lt;think&gt;…&lt;/think&gt;answer</c>; output that starts mid-trace because the chat template opened
/// <c>&lt;think&gt;</c> in the prompt and so only <c>&lt;/think&gt;</c> appears; and plain answers with no trace.
/// </summary>
public static class ReasoningSplitter
{
    private const string Open = "<think>";
    private const string Close = "</think>";

    /// <param name="output">Raw generated text.</param>
    /// <param name="startsInsideReasoning">The prompt ended with an open <c>&lt;think&gt;</c>.</param>
    public static ReasoningSplit Split(string output, bool startsInsideReasoning)
    {
        var text = output.TrimStart();
        int closeAt = text.IndexOf(Close, StringComparison.Ordinal);

        if (text.StartsWith(Open, StringComparison.Ordinal))
        {
            var afterOpen = text[Open.Length..];
            int close = afterOpen.IndexOf(Close, StringComparison.Ordinal);
            return close < 0
                ? new ReasoningSplit(afterOpen.Trim(), "", TraceUnclosed: true)
                : new ReasoningSplit(afterOpen[..close].Trim(), afterOpen[(close + Close.Length)..].Trim(), false);
        }

        // A closing tag with no opening one: the template opened the trace, whether or not the backend said so.
        if (closeAt >= 0)
            return new ReasoningSplit(text[..closeAt].Trim(), text[(closeAt + Close.Length)..].Trim(), false);

        return startsInsideReasoning
            ? new ReasoningSplit(text.Trim(), "", TraceUnclosed: true)
            : new ReasoningSplit(null, text.Trim(), false);
    }
}
