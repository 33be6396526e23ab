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
}
