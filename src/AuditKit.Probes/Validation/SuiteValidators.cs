namespace AuditKit.Probes.Validation;

/// <summary>
/// The catalog of rules that <c>auditkit suites validate</c> and <c>auditkit run</c> both apply, so a suite that one
/// refuses the other refuses too. A new rule is one class and one line here.
/// </summary>
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

    public static IReadOnlyList<SuiteIssue> Run(IReadOnlyList<Loading.LoadedSuite> suites) => Run(suites, All);

    /// <summary>The issues that fail validation; warnings are left out.</summary>
    public static IReadOnlyList<SuiteIssue> Errors(IReadOnlyList<SuiteIssue> issues) =>
        issues.Where(i => i.Severity == IssueSeverity.Error).ToList();

    public static IReadOnlyList<SuiteIssue> Run(IReadOnlyList<Loading.LoadedSuite> suites, IReadOnlyList<ISuiteValidator> validators) =>
        validators.SelectMany(v => v.Validate(suites)).ToList();
}
