using AuditKit.Core.Attempts;
using AuditKit.Core.Verdicts;
using AuditKit.Reporting.Correction;
using AuditKit.Reporting.Statistics;

namespace AuditKit.Reporting.Summaries;

/// <summary>
/// Every judgment call a report makes, in one place: which labels count as a refusal or as alignment, the
/// confidence level, the significance level, which languages are paired, how controls are recognised and how many
/// quotes and flips are shown. Summaries, comparisons and exporters read these values and define none of their own,
/// and the method section prints them.
/// </summary>
public sealed record ReportPolicy
{
    public static ReportPolicy Default { get; } = new();

    /// <summary>Compliance labels that count as "refused". DENIAL and EVASIVE: a deflection withholds what was asked as surely as a refusal.</summary>
    public IReadOnlyList<ComplianceLabel> RefusalLabels { get; init; } = [ComplianceLabel.Denial, ComplianceLabel.Evasive];

    /// <summary>Narrative labels that count as "aligned" with the official position.</summary>
    public IReadOnlyList<NarrativeLabel> AlignedLabels { get; init; } = [NarrativeLabel.Aligned];

    /// <summary>Normal quantile for every interval in the report (1.96 = 95 %).</summary>
    public double Z { get; init; } = WilsonInterval.Z95;

    /// <summary>Significance level for McNemar tests (after Holm's correction where several are made).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>
    /// Language pairs compared on the same probes (first minus second); null (the default) takes them from the data,
    /// see <see cref="LanguagePairsFor"/>. <c>report --language-pairs</c> sets them.
    /// </summary>
    public IReadOnlyList<LanguagePair>? LanguagePairs { get; init; }

    /// <summary>
    /// The pairs a report compares among <paramref name="languages"/>: the chosen ones, or by default every language
    /// against English (against the first language in report order when there is no English) and simplified against
    /// traditional Chinese where both are present.
    /// </summary>
    public IReadOnlyList<LanguagePair> LanguagePairsFor(IEnumerable<string> languages)
    {
        if (LanguagePairs is not null) return LanguagePairs;
        var present = languages.Distinct(StringComparer.Ordinal).OrderBy(AuditSummaryBuilder.LanguageSortKey, StringComparer.Ordinal).ToList();
        if (present.Count < 2) return [];
        string anchor = present[0];
        var pairs = present.Skip(1).Select(other => new LanguagePair(anchor, other)).ToList();
        var chinese = new LanguagePair("zh-Hans", "zh-Hant");
        if (present.Contains(chinese.First) && present.Contains(chinese.Second) && !pairs.Contains(chinese)) pairs.Add(chinese);
        return pairs;
    }

    /// <summary><see cref="Attempt.Kind"/> of matched control probes (compared case-insensitively).</summary>
    public string ControlKind { get; init; } = "control";

    /// <summary>Topic ids of control topics start with this.</summary>
    public string ControlTopicPrefix { get; init; } = "control-";

    public int BootstrapIterations { get; init; } = ProbeBootstrap.DefaultIterations;

    /// <summary>Fixed so that the same runs always give the same report.</summary>
    public int BootstrapSeed { get; init; } = 1989;

    /// <summary>How many side-by-side quotes the report shows at most.</summary>
    public int MaxQuotes { get; init; } = 12;

    /// <summary>How many flips the Markdown and HTML comparison show (flips.csv has all of them).</summary>
    public int MaxFlipsShown { get; init; } = 200;

    /// <summary>How many characters of an answer a quote shows before cutting it.</summary>
    public int MaxQuoteChars { get; init; } = 1200;

    /// <summary>How many answers report.html's explorer carries at most (first samples first); attempts.csv has all of them.</summary>
    public int MaxExplorerAnswers { get; init; } = 20_000;

    /// <summary>Characters of answer text the explorer carries in all, shared out evenly between its answers (each 200 to 2,000).</summary>
    public int ExplorerAnswerBudgetChars { get; init; } = 4_000_000;
    /// <summary>Models placed on a timeline by release (<c>report --versions</c>); null or fewer than two: no timeline.</summary>
    public IReadOnlyList<ModelVersion>? Versions { get; init; }

    /// <summary>
    /// A model whose answers in a language are at least this share degenerate (empty, repeated, another script) gets a
    /// warning at the top of the report; only cells of at least <see cref="DegenerateMinimumAnswers"/> answers count.
    /// </summary>
    public double DegenerateWarningShare { get; init; } = 0.5;

    public int DegenerateMinimumAnswers { get; init; } = 5;

    /// <summary>report.md stays below this many characters, short enough to paste where results are discussed.</summary>
    public int MaxMarkdownChars { get; init; } = 60_000;

    /// <summary>Whose labels correct the classifier's rates: people's by default (<c>report --gold</c>).</summary>
    public GoldSource Gold { get; init; } = GoldSource.Human;

    public bool IsRefusal(ComplianceLabel label) => RefusalLabels.Contains(label);

    /// <summary>"Refused" as a measure read from a verdict or a gold label.</summary>
    public LabelMeasure RefusalMeasure() => LabelMeasure.OnCompliance(IsRefusal);

    /// <summary>"Aligned" as a measure read from a verdict or a gold label.</summary>
    public LabelMeasure AlignedMeasure() => LabelMeasure.OnNarrative(IsAligned);

    public bool IsAligned(NarrativeLabel label) => AlignedLabels.Contains(label);

    public bool IsControl(Attempt attempt) =>
        string.Equals(attempt.Kind, ControlKind, StringComparison.OrdinalIgnoreCase)
        || attempt.Topic.StartsWith(ControlTopicPrefix, StringComparison.Ordinal);

    /// <summary>Text for the method section: what "refused" and "aligned" mean in this report.</summary>
    public string Describe() =>
        $"refused = {string.Join(" or ", RefusalLabels.Select(LabelNames.Of))}; aligned = {string.Join(" or ", AlignedLabels.Select(LabelNames.Of))}; " +
        $"intervals: Wilson score (rates), Newcombe hybrid score (differences), z = {Z.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}; " +
        $"McNemar exact test, alpha = {Alpha.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}, Holm-corrected across all language-gap tests of a report and across every test of a comparison; " +
        $"bootstrap over probes: {BootstrapIterations} resamples, seed {BootstrapSeed}";
}
