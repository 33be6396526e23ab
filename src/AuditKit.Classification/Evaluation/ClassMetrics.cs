using System.Text.Json.Serialization;

namespace AuditKit.Classification.Evaluation;

/// <summary>Precision, recall and F1 of one class; <see cref="Support"/> is the number of gold examples of the class.</summary>
public sealed record ClassMetrics(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("support")] int Support);
