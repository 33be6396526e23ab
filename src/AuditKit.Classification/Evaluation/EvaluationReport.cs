using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// Agreement of a classifier with gold labels. <see cref="Confusion"/> is [gold][predicted] in <see cref="Labels"/>
/// order. <see cref="ByLanguage"/> holds the same figures per language (without a further breakdown).
/// </summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("accuracy")] double Accuracy,
    [property: JsonPropertyName("kappa")] double Kappa,
    [property: JsonPropertyName("macro_f1")] double MacroF1,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("per_class")] IReadOnlyList<ClassMetrics> PerClass,
    [property: JsonPropertyName("confusion")] IReadOnlyList<IReadOnlyList<int>> Confusion,
    [property: JsonPropertyName("by_language")] IReadOnlyDictionary<string, EvaluationReport>? ByLanguage)
{
    /// <summary>How evaluation figures are written: indented, nulls left out, NaN kappas as "NaN".</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
