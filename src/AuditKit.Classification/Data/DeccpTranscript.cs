using AuditKit.Core.Reasoning;

namespace AuditKit.Classification.Data;

/// <summary>
/// deccp's responses are raw ChatML transcripts; the classifier judges only the assistant's final answer, after any
/// reasoning trace (<see cref="ReasoningSplitter"/>).
/// </summary>
public static class DeccpTranscript
{
    public static string FinalAnswer(string transcript)
    {
        const string assistant = "<|im_start|>assistant";
        var start = transcript.LastIndexOf(assistant, StringComparison.Ordinal);
        var answer = start < 0 ? transcript : transcript[(start + assistant.Length)..];
        var end = answer.IndexOf("<|im_end|>", StringComparison.Ordinal);
        if (end >= 0)
            answer = answer[..end];
        return ReasoningSplitter.Split(answer, startsInsideReasoning: false).Answer;
    }
}
