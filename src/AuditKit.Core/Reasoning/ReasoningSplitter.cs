namespace AuditKit.Core.Reasoning;

/// <summary>
/// Splits model output into reasoning trace and final answer, the one place run (both backends), import, the
/// classifier's training data and the judge do it. Traces are tagged <c>&lt;think&gt;…&lt;/think&gt;</c> (DeepSeek R1,
/// Qwen3, GLM-Z1) or <c>◁think▷…◁/think▷</c> (Kimi). Shapes handled: a full trace before the answer; a closing tag
/// with no opening one (the chat template opened the trace in the prompt); a trace never closed (generation stopped
/// mid-thought); output that is only a trace; and plain answers.
/// </summary>
public static class ReasoningSplitter
{
    private static readonly (string Open, string Close)[] Tags = [("<think>", "</think>"), ("◁think▷", "◁/think▷")];

    /// <param name="output">Raw generated text.</param>
    /// <param name="startsInsideReasoning">The prompt ended with an open <c>&lt;think&gt;</c>.</param>
    public static ReasoningSplit Split(string output, bool startsInsideReasoning)
    {
        var text = output.TrimStart();

        foreach (var (open, close) in Tags)
        {
            if (!text.StartsWith(open, StringComparison.Ordinal))
                continue;
            var afterOpen = text[open.Length..];
            // The first closing tag ends the trace. Text after it is the answer as the user saw it, later stray closing
            // tags included (Kimi sometimes degenerates and prints more).
            int end = afterOpen.IndexOf(close, StringComparison.Ordinal);
            return end < 0
                ? new ReasoningSplit(afterOpen.Trim(), "", TraceUnclosed: true)
                : new ReasoningSplit(afterOpen[..end].Trim(), afterOpen[(end + close.Length)..].Trim(), false);
        }

        // A closing tag with no opening one: the template opened the trace, whether or not the backend said so.
        var (closeAt, closeTag) = FirstClosingTag(text);
        if (closeAt >= 0)
            return new ReasoningSplit(text[..closeAt].Trim(), text[(closeAt + closeTag.Length)..].Trim(), false);

        return startsInsideReasoning
            ? new ReasoningSplit(text.Trim(), "", TraceUnclosed: true)
            : new ReasoningSplit(null, text.Trim(), false);
    }

    /// <summary>
    /// Splits output whose server or source also returned reasoning separately (<c>reasoning_content</c>, a
    /// transcript's reasoning column): a trace still tagged in the text is split off all the same, and the two traces
    /// are merged (<see cref="MergeTraces"/>).
    /// </summary>
    public static ReasoningSplit Split(string output, bool startsInsideReasoning, string? separateReasoning)
    {
        var split = Split(output, startsInsideReasoning);
        return separateReasoning is null ? split : split with { Reasoning = MergeTraces(separateReasoning, split.Reasoning) };
    }

    /// <summary>
    /// One trace from a separately returned one and one found in the text: either alone as it is; when one holds the
    /// other (a server that returns the trace in both places), the longer; otherwise both, the separate one first,
    /// since a server returns the reasoning it parsed before the content it left alone.
    /// </summary>
    public static string? MergeTraces(string? separate, string? inText)
    {
        var a = separate?.Trim();
        var b = inText?.Trim();
        if (string.IsNullOrEmpty(a)) return b ?? a;
        if (string.IsNullOrEmpty(b)) return a;
        if (a.Contains(b, StringComparison.Ordinal)) return a;
        if (b.Contains(a, StringComparison.Ordinal)) return b;
        return a + "\n\n" + b;
    }

    private static (int At, string Tag) FirstClosingTag(string text)
    {
        (int At, string Tag) first = (-1, "");
        foreach (var (_, close) in Tags)
        {
            int at = text.IndexOf(close, StringComparison.Ordinal);
            if (at >= 0 && (first.At < 0 || at < first.At))
                first = (at, close);
        }
        return first;
    }
}
