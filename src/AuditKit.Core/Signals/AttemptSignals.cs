namespace AuditKit.Core.Signals;

/// <summary>
/// Evidence beside the classifier's labels, computed from the suite's ground truth: which expected facts the answer
/// states, which appear only in the reasoning trace, which official-narrative markers it uses, and whether a
/// reasoning model suppressed its thoughts.
/// </summary>
/// <param name="ThoughtSuppressed">A reasoning model whose trace is empty or missing; null when the model is not a reasoning model.</param>
/// <param name="FactsExpected">Fact ids the probe lists for this language.</param>
/// <param name="FactsInAnswer">Expected fact ids found in the final answer.</param>
/// <param name="FactsOnlyInReasoning">Expected fact ids found in the trace but omitted from the answer.</param>
/// <param name="MarkersFound">Narrative marker ids found in the final answer.</param>
public sealed record AttemptSignals(
    bool? ThoughtSuppressed,
    IReadOnlyList<string> FactsExpected,
    IReadOnlyList<string> FactsInAnswer,
    IReadOnlyList<string> FactsOnlyInReasoning,
    IReadOnlyList<string> MarkersFound)
{
    public static readonly AttemptSignals None = new(null, [], [], [], []);
}
