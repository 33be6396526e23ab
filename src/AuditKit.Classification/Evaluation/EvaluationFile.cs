using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// <c>models/classifier-evaluation.json</c>: the figures of a shipped model, next to it. <c>auditkit classify</c>
/// copies each report's kappa and macro-F1 into the run's method section.
/// </summary>
public sealed record EvaluationFile(
    [property: JsonPropertyName("classifier_id")] string ClassifierId,
    [property: JsonPropertyName("model_sha256")] string ModelSha256,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("reports")] IReadOnlyDictionary<string, EvaluationReport> Reports)
{
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, EvaluationReport.JsonOptions) + "\n");
}
