using AuditKit.Core.Attempts;
using AuditKit.Core.Signals;
using AuditKit.Core.Verdicts;

namespace AuditKit.Classification.Runs;

/// <summary>The classifier's verdict and the fact/marker signals for one stored attempt.</summary>
public sealed record ClassifiedResult(AttemptKey Key, Verdict Verdict, AttemptSignals Signals);
