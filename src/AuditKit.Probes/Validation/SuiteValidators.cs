namespace AuditKit.Probes.Validation;

/// <summary>The catalog of rules <c>auditkit suites validate</c> applies. A new rule is one class and one line here.</summary>
public static class SuiteValidators
{
    public static IReadOnlyList<ISuiteValidator> All { get; } =
    [
        new DuplicateIdValidator(),
        new ProbeTextValidator(),
        new LanguageCoverageValidator(),
        new FactCoverageValidator(),
        new PatternValidator(),
        new MarkerDefinitionValidator(),
        new PairingValidator(),
        new NearDuplicateTextValidator(NearDuplicateTextValidator.DefaultThreshold),
    ];

    /// <summary>
    /// The rules whose breach would spoil a run, not just weaken a suite: a duplicate id stores one answer over
    /// another, an empty text asks nothing, and a pattern that does not compile breaks classification. `auditkit run`
    /// refuses a suite that breaks them; the other rules (coverage, near-duplicates) are for suite authors.
    /// </summary>
    public static IReadOnlyList<ISuiteValidator> RequiredToRun { get; } =
        [.. All.Where(v => v is DuplicateIdValidator or ProbeTextValidator or PatternValidator)];

    public static IReadOnlyList<SuiteIssue> Run(IReadOnlyList<Loading.LoadedSuite> suites) => Run(suites, All);

    /// <summary>The issues that fail validation; warnings are left out.</summary>
    public static IReadOnlyList<SuiteIssue> Errors(IReadOnlyList<SuiteIssue> issues) =>
        issues.Where(i => i.Severity == IssueSeverity.Error).ToList();

    public static IReadOnlyList<SuiteIssue> Run(IReadOnlyList<Loading.LoadedSuite> suites, IReadOnlyList<ISuiteValidator> validators) =>
        validators.SelectMany(v => v.Validate(suites)).ToList();
}
