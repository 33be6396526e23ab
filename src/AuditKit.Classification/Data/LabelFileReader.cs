using System.Text.Json;
using AuditKit.Classification.Training;
using AuditKit.Core.Reasoning;

namespace AuditKit.Classification.Data;

/// <summary>
/// Reads the project's own label files under models/labels: narrative labels keyed to a dataset's rows (CSV, no text),
/// and self-written examples (JSONL, with text). Unknown labels are errors naming the file and line.
/// </summary>
public static class LabelFileReader
{
    /// <summary>
    /// Reads <c>narrative-speechmap.csv</c>: header <c>question_id,model,language,narrative</c>. Returns narrative label
    /// by <see cref="SpeechMapReader.Key"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadSpeechMapNarrative(string path)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, fields) in ReadCsv(path, ["question_id", "model", "language", "narrative"]))
        {
            var key = SpeechMapReader.Key(fields[0], fields[1], fields[2]);
            if (!labels.TryAdd(key, CheckNarrative(fields[3], path, line)))
                throw new InvalidDataException($"{path}:{line}: duplicate row for {key}.");
        }
        return labels;
    }

    /// <summary>Returns the examples with their narrative label set where the label file has one.</summary>
    public static IReadOnlyList<LabeledExample> WithNarrative(IReadOnlyList<LabeledExample> examples, IReadOnlyDictionary<string, string> labels) =>
        examples.Select(e => labels.TryGetValue(e.Id, out var narrative) ? e with { Narrative = narrative } : e).ToArray();

    /// <summary>
    /// Reads <c>models/labels/deccp.csv</c> (header <c>row,variant,compliance,narrative</c>; row is the 1-based line of
    /// qwen2-7b-instruct_original_vs_abliterated.jsonl, variant is <c>original</c> or <c>abliterated</c>) and joins it
    /// with that JSONL file to give examples with ids <c>deccp:ROW:VARIANT</c>.
    /// </summary>
    public static IReadOnlyList<LabeledExample> ReadDeccp(string labelsPath, string deccpJsonlPath)
    {
        var rows = File.ReadAllLines(deccpJsonlPath);
        var examples = new List<LabeledExample>();
        foreach (var (line, fields) in ReadCsv(labelsPath, ["row", "variant", "compliance", "narrative"]))
        {
            if (!int.TryParse(fields[0], out var row) || row < 1 || row > rows.Length)
                throw new InvalidDataException($"{labelsPath}:{line}: row '{fields[0]}' is not a line of {deccpJsonlPath}.");
            var field = fields[1] switch
            {
                "original" => "response_original",
                "abliterated" => "response_deccp_abliterated",
                _ => throw new InvalidDataException($"{labelsPath}:{line}: unknown variant '{fields[1]}' (expected original or abliterated)."),
            };
            using var document = JsonDocument.Parse(rows[row - 1]);
            var prompt = document.RootElement.GetProperty("prompt").GetString() ?? string.Empty;
            var response = document.RootElement.GetProperty(field).GetString() ?? string.Empty;
            examples.Add(new LabeledExample($"deccp:{row}:{fields[1]}", $"deccp:{row}", prompt, DeccpTranscript.FinalAnswer(response), LanguageOf(prompt),
                fields[2].Length == 0 ? null : CheckCompliance(fields[2], labelsPath, line),
                fields[3].Length == 0 ? null : CheckNarrative(fields[3], labelsPath, line))
            {
                Model = fields[1] == "original" ? DeccpModel : DeccpModel + "-abliterated",
            });
        }
        return examples;
    }

    /// <summary>
    /// Reads <c>own-examples.jsonl</c>: one object per line with id, question_id, prompt, response, language, and
    /// compliance and/or narrative labels.
    /// </summary>
    public static IReadOnlyList<LabeledExample> ReadOwnExamples(string path)
    {
        var examples = new List<LabeledExample>();
        foreach (var (lineNumber, row) in JsonLines.Read(path))
        {
            string? Get(string name) => row.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var id = Get("id") ?? throw new InvalidDataException($"{path}:{lineNumber}: missing 'id'.");
            var compliance = Get("compliance");
            var narrative = Get("narrative");
            var split = ReasoningSplitter.Split(Get("response") ?? string.Empty, startsInsideReasoning: false);
            examples.Add(new LabeledExample(id, Get("question_id") ?? id, Get("prompt") ?? string.Empty, split.Answer,
                Get("language") ?? throw new InvalidDataException($"{path}:{lineNumber}: missing 'language'."),
                compliance is null ? null : CheckCompliance(compliance, path, lineNumber),
                narrative is null ? null : CheckNarrative(narrative, path, lineNumber))
            {
                TraceInResponse = split.Reasoning is not null,
            });
        }
        return examples;
    }

    /// <summary>The model whose answers deccp's file holds (the abliterated variant is the same weights with refusal removed).</summary>
    public const string DeccpModel = "Qwen/Qwen2-7B-Instruct";

    // deccp's prompts are English with a block of Simplified Chinese translations; the file has no language field.
    private static string LanguageOf(string prompt) =>
        prompt.Any(c => c is >= '\u4E00' and <= '\u9FFF') ? "zh-Hans" : "en";

    private static string CheckNarrative(string label, string path, int line) =>
        LabelSets.Narrative.Contains(label)
            ? label
            : throw new InvalidDataException($"{path}:{line}: unknown narrative label '{label}' (expected {string.Join(", ", LabelSets.Narrative)}).");

    private static string CheckCompliance(string label, string path, int line) =>
        LabelSets.Compliance.Contains(label) || label == LabelSets.Error
            ? label
            : throw new InvalidDataException($"{path}:{line}: unknown compliance label '{label}' (expected {string.Join(", ", LabelSets.Compliance)}, ERROR).");

    // The label files hold ids and labels only (no quoting needed): a plain split keeps the format obvious.
    private static IEnumerable<(int Line, string[] Fields)> ReadCsv(string path, string[] header)
    {
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.SequenceEqual(header))
                continue;
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}:{lineNumber}: expected {header.Length} fields ({string.Join(",", header)}), got {fields.Length}.");
            yield return (lineNumber, fields);
        }
    }
}
