using AuditKit.Core.Reasoning;
using AuditKit.Core.Suites;
using System.Text.Json;
using AuditKit.Classification.Training;

namespace AuditKit.Classification.Data;

/// <summary>
/// Reads SpeechMap's <c>responses_labeled.jsonl</c>. Example ids are <c>question_id|model|language</c> with the
/// dataset's own language code (en, zh, fi); <see cref="LabeledExample.Language"/> is the BCP-47 code (zh -> zh-Hans).
/// The response is the final answer after <see cref="ReasoningSplitter"/>, as import stores it. ERROR_* labels, and
/// responses that are only a trace, become <c>ERROR</c>; any other unknown label is an error naming the file and line.
/// </summary>
public static class SpeechMapReader
{
    public static IReadOnlyList<LabeledExample> Read(string path)
    {
        var examples = new List<LabeledExample>();
        foreach (var (lineNumber, row) in JsonLines.Read(path))
        {
            try
            {
                var questionId = Required(row, "question_id");
                var model = Required(row, "model");
                var language = Required(row, "language");
                var label = Required(row, "label");
                // The classifier judges final answers (as import and run store them), so it must learn from them too.
                var split = ReasoningSplitter.Split(Optional(row, "response"), startsInsideReasoning: false);
                examples.Add(new LabeledExample(
                    Key(questionId, model, language),
                    questionId,
                    Optional(row, "question"),
                    split.Answer,
                    ToBcp47(language),
                    // A response that is all trace leaves no answer: classify labels it ERROR, so training must too.
                    split.Answer.Length == 0 ? LabelSets.Error : NormaliseLabel(label, path, lineNumber),
                    Narrative: null)
                {
                    Model = model,
                    TraceInResponse = split.Reasoning is not null,
                });
            }
            catch (KeyNotFoundException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
        return examples;
    }

    /// <summary>The row key used by the label files under models/labels.</summary>
    public static string Key(string questionId, string model, string language) => $"{questionId}|{model}|{language}";

    public static string ToBcp47(string language) => LanguageCodes.Normalize(language);

    private static string NormaliseLabel(string label, string path, int line)
    {
        if (label.StartsWith("ERROR", StringComparison.Ordinal))
            return LabelSets.Error;
        if (LabelSets.Compliance.Contains(label))
            return label;
        throw new InvalidDataException($"{path}:{line}: unknown compliance label '{label}' (expected {string.Join(", ", LabelSets.Compliance)} or ERROR_*).");
    }

    private static string Required(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new KeyNotFoundException($"missing string field '{name}'");

    private static string Optional(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
}
