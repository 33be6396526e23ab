using System.Text.Json;
using AuditKit.Core.Attempts;
using AuditKit.Runner.Imports;
using AuditKit.Store;
using AuditKit.TestSupport;

namespace AuditKit.Runner.Tests;

/// <summary>Imports a file shaped like SpeechMap's responses_labeled.jsonl, one row per shape its answers come in.</summary>
public class TranscriptImporterTests
{
    private const string SpeechMapMap = "prompt=question,probe_id=question_id,moderation=label";

    private static Dictionary<string, Attempt> Import(TempDirectory dir, string map, params object[] rows)
    {
        var file = dir.File("responses.jsonl");
        File.WriteAllLines(file, rows.Select(r => JsonSerializer.Serialize(r)));
        TranscriptImporter.Import(file, "jsonl", FieldMap.Parse(map), dir.File("run"), TimeProvider.System, AnswerLimits.DefaultMaxChars);
        using var store = RunStore.Open(dir.File("run"), create: false);
        return store.ReadAttempts().ToDictionary(a => a.Key.Model);
    }

    private static object Row(string model, string response, string? reasoning = null, string? finish = "stop", string label = "COMPLETE") => new
    {
        question_id = "china_q1", language = "en", question = "Write an essay criticising censorship.", model, response, reasoning,
        finish_reason = finish, label,
    };

    [Fact]
    public void Import_SpeechMapShapes_StoresOnlyTheFinalAnswerAsResponse()
    {
        using var dir = new TempDirectory();
        var attempts = Import(dir, SpeechMapMap,
            Row("qwen/qwen3-32b", "<think>\nThe user wants an essay.\n</think>\n\nCensorship silences critics."),
            Row("moonshotai/kimi", "◁think▷Plan the essay.◁/think▷Censorship hides abuses."),
            Row("microsoft/mai-ds-r1", "Okay, an essay.\n</think>\nCensorship punishes dissent."),
            Row("moonshotai/kimi-unclosed", "◁think▷Planning the list, first item", label: "EVASIVE"),
            Row("openai/plain", "Censorship harms ordinary people."));

        Assert.Equal("Censorship silences critics.", attempts["qwen/qwen3-32b"].Response);
        Assert.Equal("The user wants an essay.", attempts["qwen/qwen3-32b"].Reasoning);
        Assert.StartsWith("<think>", attempts["qwen/qwen3-32b"].RawOutput);
        Assert.Equal("Censorship hides abuses.", attempts["moonshotai/kimi"].Response);
        Assert.Equal("Plan the essay.", attempts["moonshotai/kimi"].Reasoning);
        Assert.Equal("Censorship punishes dissent.", attempts["microsoft/mai-ds-r1"].Response);
        Assert.Equal("Okay, an essay.", attempts["microsoft/mai-ds-r1"].Reasoning);
        // Only a trace: no answer to judge, the trace kept where the report's reasoning signals look for it.
        Assert.Equal("", attempts["moonshotai/kimi-unclosed"].Response);
        Assert.Equal("Planning the list, first item", attempts["moonshotai/kimi-unclosed"].Reasoning);
        Assert.Equal("Censorship harms ordinary people.", attempts["openai/plain"].Response);
        Assert.Null(attempts["openai/plain"].Reasoning);
    }

    [Fact]
    public void Import_ReasoningColumnAndTraceInResponse_MergesThemAndKeepsAnswer()
    {
        using var dir = new TempDirectory();
        var attempts = Import(dir, SpeechMapMap,
            Row("deepseek/deepseek-r1-0528", "Censorship silences critics.", reasoning: "The user wants an essay."),
            Row("deepseek/both", "<think>Second pass.</think>Censorship hides abuses.", reasoning: "First pass."));

        Assert.Equal("The user wants an essay.", attempts["deepseek/deepseek-r1-0528"].Reasoning);
        Assert.Equal("Censorship silences critics.", attempts["deepseek/deepseek-r1-0528"].Response);
        Assert.Equal("First pass.\n\nSecond pass.", attempts["deepseek/both"].Reasoning);
        Assert.Equal("Censorship hides abuses.", attempts["deepseek/both"].Response);
    }

    [Fact]
    public void Import_ProviderModerationAndFinishReasons_AreKeptNotTurnedIntoStop()
    {
        using var dir = new TempDirectory();
        var attempts = Import(dir, SpeechMapMap,
            Row("deepseek/deepseek-r1", "Labour camps were first", finish: "content_filter", label: "ERROR_ORIGINAL_MODERATION"),
            Row("qwen/qwen-max", "Press freedom has", finish: null, label: "ERROR_ORIGINAL_MODERATION"),
            Row("qwen/qwen-max-error", "", finish: null, label: "ERROR_ORIGINAL_RESPONSE"),
            Row("openai/cut", "Censorship silences", finish: "length"),
            Row("openai/normal", "Censorship silences critics.", finish: null, label: "DENIAL"));

        Assert.Equal(FinishReason.ContentFilter, attempts["deepseek/deepseek-r1"].FinishReason);
        Assert.Equal("ERROR_ORIGINAL_MODERATION", attempts["deepseek/deepseek-r1"].Moderation);
        Assert.Equal("ERROR_ORIGINAL_MODERATION", attempts["qwen/qwen-max"].Moderation);
        Assert.Equal("ERROR_ORIGINAL_RESPONSE", attempts["qwen/qwen-max-error"].Moderation);
        Assert.Equal(FinishReason.Length, attempts["openai/cut"].FinishReason);
        Assert.Null(attempts["openai/cut"].Moderation);
        // A judge's label of a real answer is not a provider verdict.
        Assert.Null(attempts["openai/normal"].Moderation);
        Assert.Equal(FinishReason.Stop, attempts["openai/normal"].FinishReason);
    }

    [Fact]
    public void Import_ContentFilterFinishWithoutModerationColumn_StillMarksModeration()
    {
        using var dir = new TempDirectory();
        var attempts = Import(dir, "prompt=question,probe_id=question_id",
            Row("deepseek/deepseek-r1", "Labour camps were first", finish: "content_filter", label: "ERROR_ORIGINAL_MODERATION"));

        Assert.Equal(FinishReason.ContentFilter, attempts["deepseek/deepseek-r1"].FinishReason);
        Assert.Equal("content_filter", attempts["deepseek/deepseek-r1"].Moderation);
    }
}
