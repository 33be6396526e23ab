using AuditKit.Core.Classifiers;
using AuditKit.Core.Suites;

namespace AuditKit.Core.Runs;

/// <summary>An immutable read of one stored run: what reporting and export work from. No model is involved.</summary>
/// <param name="Directory">The run folder it was read from.</param>
/// <param name="Classifier">Null when the run has not been classified.</param>
public sealed record RunSnapshot(string Directory, RunManifest Manifest, IReadOnlyList<ClassifiedAttempt> Attempts, ClassifierInfo? Classifier)
{
    /// <summary>
    /// The probes as they were asked, by id, with their facts, markers and pairings: stored with the run so that
    /// classify and report never reread suite files that may have changed or moved. Empty for imports without probes.
    /// </summary>
    public IReadOnlyDictionary<string, Probe> Probes { get; init; } = new Dictionary<string, Probe>();
}
