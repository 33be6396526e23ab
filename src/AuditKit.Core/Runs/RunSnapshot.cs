using AuditKit.Core.Classifiers;

namespace AuditKit.Core.Runs;

/// <summary>An immutable read of one stored run: what reporting and export work from. No model is involved.</summary>
/// <param name="Directory">The run folder it was read from.</param>
/// <param name="Classifier">Null when the run has not been classified.</param>
public sealed record RunSnapshot(string Directory, RunManifest Manifest, IReadOnlyList<ClassifiedAttempt> Attempts, ClassifierInfo? Classifier);
