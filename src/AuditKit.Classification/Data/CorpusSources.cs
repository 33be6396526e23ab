using AuditKit.Classification.Training;

namespace AuditKit.Classification.Data;

/// <summary>The labelled data of the shipped model, by source and unsplit.</summary>
/// <param name="SpeechMap">SpeechMap's labelled answers (compliance from its judge, narrative from the project where annotated).</param>
/// <param name="Deccp">deccp's Qwen2 answers with the project's labels.</param>
/// <param name="Own">The project's self-written teaching examples: trained on, never scored.</param>
public sealed record CorpusSources(IReadOnlyList<LabeledExample> SpeechMap, IReadOnlyList<LabeledExample> Deccp, IReadOnlyList<LabeledExample> Own)
{
    /// <summary>SHA-256 of every file the examples were read from, by a machine-independent name (<c>labels/deccp.csv</c>).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
