using System.Text.Json.Serialization;
using AuditKit.Reporting.Correction;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Everything a report shows, computed once from stored runs. Exporters see only this: never a snapshot, a backend
/// or a classifier. Immutable; build it with <see cref="AuditSummaryBuilder"/>.
/// </summary>
/// <param name="IsSmokeTest">At least one run is a smoke test: the report must say it audits no real model.</param>
/// <param name="Notes">Data caveats specific to these runs (errors, unclassified attempts).</param>
/// <param name="Limitations">What these figures cannot show, for every report.</param>
/// <param name="Attempts">
/// Every attempt with its labels, in attempts.csv's order; not written into summary.json. When the runs were read
/// without their texts, only the quoted answers and those the explorer shows hold theirs: read
/// <see cref="AttemptsWithTexts"/> for every answer's text.
/// </param>
public sealed record AuditSummary(
    string Title,
    DateTimeOffset GeneratedAt,
    string ReportingVersion,
    bool IsSmokeTest,
    ReportPolicy Policy,
    AttemptTotals Totals,
    IReadOnlyList<RunMethod> Runs,
    IReadOnlyList<ModelLanguageRates> ModelLanguages,
    IReadOnlyList<TopicRates> Topics,
    IReadOnlyList<ControlContrast> Controls,
    IReadOnlyList<LanguageGap> LanguageGaps,
    IReadOnlyList<ReasoningFindings> Reasoning,
    IReadOnlyList<QuotePair> Quotes,
    IReadOnlyList<RepeatedSampling> RepeatedSampling,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Limitations,
    [property: JsonIgnore] IReadOnlyList<AttemptRow> Attempts)
{
    /// <summary>
    /// <see cref="Attempts"/> with every text, read one at a time (from the run stores when the snapshots deferred
    /// their texts, so a million answers are never in memory at once); each enumeration reads afresh. attempts.csv's source.
    /// </summary>
    [JsonIgnore]
    public IEnumerable<AttemptRow> AttemptsWithTexts { get => field ?? Attempts; init; }

    /// <summary>Whose labels corrected the rates, how many, and the classifier's agreement with them.</summary>
    public RateCorrection Correction { get; init; } = new("none", [], 0, 0, null, null);

    /// <summary>Refusal and alignment per model, topic and language (rates_wide.csv); the topic table pools languages.</summary>
    public IReadOnlyList<TopicLanguageRates> TopicLanguages { get; init; } = [];

    /// <summary>Refusal and alignment per topic and language across model versions (<c>report --versions</c>); empty without versions.</summary>
    public IReadOnlyList<VersionTimeline> Timelines { get; init; } = [];

    /// <summary>Sensitive probes against their own paired controls, per model and language; empty when no probe of the runs names a control.</summary>
    public IReadOnlyList<PairedControlContrast> PairedControls { get; init; } = [];

    /// <summary>What a reader must know before any figure, shown at the top of every format (e.g. that rates are uncorrected).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The plain statement every format puts at the top of a smoke-test report.</summary>
    public const string SmokeTestWarning =
        "SMOKE TEST: this report comes from the built-in smoke model. It is a check that the pipeline works, not an audit of a real model; its figures mean nothing about any model.";
}
