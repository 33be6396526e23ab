using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditKit.Classification.Evaluation;

/// <summary>
/// Agreement of a classifier with gold labels. <see cref="Confusion"/> is [gold][predicted] in <see cref="Labels"/>
/// order. <see cref="ByLanguage"/>, <see cref="ByModelFamily"/> and <see cref="ByTrace"/> hold the same figures per
/// group (without a further breakdown).
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
    /// <summary>The same figures per model family (<see cref="ModelFamilies"/>); null when the examples name no model.</summary>
    [JsonPropertyName("by_model_family")]
    public IReadOnlyDictionary<string, EvaluationReport>? ByModelFamily { get; init; }

    /// <summary>
    /// The same figures for answers whose response carried a reasoning trace (<c>trace_in_response</c>) and the rest
    /// (<c>no_trace_in_response</c>); null when no answer carried one.
    /// </summary>
    [JsonPropertyName("by_trace")]
    public IReadOnlyDictionary<string, EvaluationReport>? ByTrace { get; init; }

    /// <summary>How evaluation figures are written: indented, nulls left out, NaN kappas as "NaN".</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
