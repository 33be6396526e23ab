using AuditKit.Classification.Training;

namespace AuditKit.Classification.Data;

/// <summary>The shipped model's data: what it trains on and the question-disjoint parts it is scored on.</summary>
/// <param name="Train">SpeechMap and deccp training questions plus the self-written examples.</param>
/// <param name="SpeechMapDev">Held-out SpeechMap questions: the compliance figures in models/classifier.md.</param>
/// <param name="DeccpDev">Held-out deccp questions.</param>
/// <param name="NarrativeHeldOut">Held-out rows (SpeechMap and deccp) that carry a narrative label.</param>
public sealed record CorpusSplit(
    IReadOnlyList<LabeledExample> Train,
    IReadOnlyList<LabeledExample> SpeechMapDev,
    IReadOnlyList<LabeledExample> DeccpDev,
    IReadOnlyList<LabeledExample> NarrativeHeldOut);
