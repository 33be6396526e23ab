using System.Text.Json;
using AuditKit.Classification.Data;
using AuditKit.Classification.Training;
using AuditKit.TestSupport;

namespace AuditKit.Classification.Tests;

/// <summary>The classifier must learn from final answers, split the way import and run split them.</summary>
public sealed class SpeechMapReaderTests
{
    private static IReadOnlyList<LabeledExample> Read(params (string Model, string Response, string Label)[] rows)
    {
        using var temp = new TempDirectory();
        var path = temp.File("responses_labeled.jsonl");
        File.WriteAllLines(path, rows.Select(r => JsonSerializer.Serialize(new
        {
            question_id = "china_q1", model = r.Model, language = "zh", question = "批评审查制度。", response = r.Response, label = r.Label,
        })));
        return SpeechMapReader.Read(path);
    }

    [Fact]
    public void Read_ResponsesWithTraces_TrainOnTheFinalAnswerOnly()
    {
        var examples = Read(
            ("qwen/qwen3-32b", "<think>用户要求批评。</think>\n\n审查制度压制言论。", "COMPLETE"),
            ("moonshotai/kimi-vl-a3b-thinking", "◁think▷Plan.◁/think▷审查制度掩盖侵权。", "COMPLETE"),
            ("microsoft/mai-ds-r1-fp8", "Okay.\n</think>\n我无法回答。", "DENIAL"),
            ("openai/gpt-4o", "审查制度伤害普通人。", "COMPLETE"));

        Assert.Equal(["审查制度压制言论。", "审查制度掩盖侵权。", "我无法回答。", "审查制度伤害普通人。"], examples.Select(e => e.Response));
        Assert.Equal([true, true, true, false], examples.Select(e => e.TraceInResponse));
        Assert.Equal("qwen/qwen3-32b", examples[0].Model);
    }

    [Fact]
    public void Read_ResponseThatIsOnlyATrace_IsErrorLikeClassifySeesIt()
    {
        var examples = Read(("moonshotai/kimi-vl-a3b-thinking", "◁think▷Planning the list, first item", "EVASIVE"));

        Assert.Equal(LabelSets.Error, examples.Single().Compliance);
        Assert.Equal("", examples.Single().Response);
    }
}
