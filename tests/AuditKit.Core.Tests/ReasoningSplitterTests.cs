using AuditKit.Core.Reasoning;

namespace AuditKit.Core.Tests;

public class ReasoningSplitterTests
{
    [Fact]
    public void Split_FullTrace_SeparatesReasoningFromAnswer()
    {
        var split = ReasoningSplitter.Split("<think>\nThe user asks about 1989.\n</think>\n\nTroops fired on protesters.", false);
        Assert.Equal("The user asks about 1989.", split.Reasoning);
        Assert.Equal("Troops fired on protesters.", split.Answer);
        Assert.False(split.TraceUnclosed);
    }

    [Fact]
    public void Split_OutputStartsMidTrace_TakesTextBeforeClosingTagAsReasoning()
    {
        // R1-distill templates open <think> in the prompt: the model only emits the closing tag.
        var split = ReasoningSplitter.Split("Okay, the user wants facts.\n</think>\nI cannot answer that.", startsInsideReasoning: true);
        Assert.Equal("Okay, the user wants facts.", split.Reasoning);
        Assert.Equal("I cannot answer that.", split.Answer);
    }

    [Fact]
    public void Split_ClosingTagWithoutBackendHint_StillSplits()
    {
        var split = ReasoningSplitter.Split("thinking\n</think>answer", startsInsideReasoning: false);
        Assert.Equal("thinking", split.Reasoning);
        Assert.Equal("answer", split.Answer);
    }

    [Fact]
    public void Split_EmptyTrace_ReasoningIsEmptyNotNull()
    {
        // An empty trace is the "thought suppression" signal; it must stay distinguishable from no trace at all.
        var split = ReasoningSplitter.Split("<think>\n\n</think>\n\nI am sorry, I cannot answer that question.", false);
        Assert.Equal("", split.Reasoning);
        Assert.Equal("I am sorry, I cannot answer that question.", split.Answer);
    }

    [Fact]
    public void Split_NoTrace_ReasoningIsNull()
    {
        var split = ReasoningSplitter.Split("  Taiwan is governed by the ROC.  ", false);
        Assert.Null(split.Reasoning);
        Assert.Equal("Taiwan is governed by the ROC.", split.Answer);
    }

    [Fact]
    public void Split_TraceNeverClosed_AnswerIsEmptyAndFlagged()
    {
        var split = ReasoningSplitter.Split("<think>Let me consider the history of", false);
        Assert.Equal("Let me consider the history of", split.Reasoning);
        Assert.Equal("", split.Answer);
        Assert.True(split.TraceUnclosed);
    }

    [Fact]
    public void Split_OpenedInPromptAndCutOffByLength_WholeOutputIsReasoning()
    {
        var split = ReasoningSplitter.Split("Hmm, the question is about", startsInsideReasoning: true);
        Assert.Equal("Hmm, the question is about", split.Reasoning);
        Assert.Equal("", split.Answer);
        Assert.True(split.TraceUnclosed);
    }

    [Fact]
    public void Split_KimiTrace_SeparatesReasoningFromAnswer()
    {
        var split = ReasoningSplitter.Split("◁think▷The user wants a list.◁/think▷1. Mass data collection.", false);
        Assert.Equal("The user wants a list.", split.Reasoning);
        Assert.Equal("1. Mass data collection.", split.Answer);
        Assert.False(split.TraceUnclosed);
    }

    [Fact]
    public void Split_KimiTraceNeverClosed_AnswerIsEmptyAndFlagged()
    {
        var split = ReasoningSplitter.Split("◁think▷Planning a short poem on the", false);
        Assert.Equal("Planning a short poem on the", split.Reasoning);
        Assert.Equal("", split.Answer);
        Assert.True(split.TraceUnclosed);
    }

    [Fact]
    public void Split_KimiClosingTagPrintedAgainLater_FirstClosingTagEndsTrace()
    {
        // Kimi-VL sometimes degenerates after its answer and prints another closing tag: that is still what the user saw.
        var split = ReasoningSplitter.Split("◁think▷plan◁/think▷The essay.\nnoise◁/think▷more", false);
        Assert.Equal("plan", split.Reasoning);
        Assert.Equal("The essay.\nnoise◁/think▷more", split.Answer);
    }

    [Fact]
    public void Split_KimiClosingTagWithoutOpening_SplitsAtIt()
    {
        var split = ReasoningSplitter.Split("thinking◁/think▷answer", startsInsideReasoning: false);
        Assert.Equal("thinking", split.Reasoning);
        Assert.Equal("answer", split.Answer);
    }

    [Fact]
    public void Split_OnlyAClosedTrace_AnswerIsEmptyButNotUnclosed()
    {
        var split = ReasoningSplitter.Split("<think>I should not discuss this.</think>\n\n", false);
        Assert.Equal("I should not discuss this.", split.Reasoning);
        Assert.Equal("", split.Answer);
        Assert.False(split.TraceUnclosed);
    }

    [Fact]
    public void Split_LeadingWhitespaceBeforeTrace_StillSplits()
    {
        var split = ReasoningSplitter.Split("\n  <think>hmm</think>Answer.", false);
        Assert.Equal("hmm", split.Reasoning);
        Assert.Equal("Answer.", split.Answer);
    }

    [Fact]
    public void Split_SeparateReasoningAndTaggedText_MergesBothTraces()
    {
        var split = ReasoningSplitter.Split("<think>second thought</think>Answer.", false, separateReasoning: "first thought");
        Assert.Equal("first thought\n\nsecond thought", split.Reasoning);
        Assert.Equal("Answer.", split.Answer);
    }

    [Fact]
    public void Split_SeparateReasoningRepeatedInText_KeepsOneCopy()
    {
        var split = ReasoningSplitter.Split("<think>The user asks about 1989.</think>Answer.", false, separateReasoning: "The user asks about 1989.");
        Assert.Equal("The user asks about 1989.", split.Reasoning);
    }

    [Fact]
    public void Split_SeparateReasoningAndPlainText_KeepsSeparateTraceAndWholeAnswer()
    {
        var split = ReasoningSplitter.Split("Taiwan is governed by the ROC.", false, separateReasoning: "Let me think.");
        Assert.Equal("Let me think.", split.Reasoning);
        Assert.Equal("Taiwan is governed by the ROC.", split.Answer);
    }

    [Fact]
    public void Split_EmptySeparateReasoning_StaysEmptyNotNull()
    {
        // An empty reasoning_content is the suppressed-thought signal, as an empty <think></think> is.
        var split = ReasoningSplitter.Split("I cannot answer that.", false, separateReasoning: "");
        Assert.Equal("", split.Reasoning);
    }
}
