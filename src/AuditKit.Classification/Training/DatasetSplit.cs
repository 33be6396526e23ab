namespace AuditKit.Classification.Training;

/// <summary>A question-disjoint split: no question id appears in both parts.</summary>
public sealed record DatasetSplit(IReadOnlyList<LabeledExample> Train, IReadOnlyList<LabeledExample> Dev);
