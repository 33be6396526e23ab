using AuditKit.Core.Classifiers;
using AuditKit.Core.Runs;

namespace AuditKit.Reporting.Summaries;

/// <summary>What the method section needs from one run: its manifest (model, hashes, sampler, suites) and classifier.</summary>
public sealed record RunMethod(string RunId, RunManifest Manifest, ClassifierInfo? Classifier, int Attempts);
