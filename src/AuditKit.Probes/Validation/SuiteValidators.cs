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
        new NearDuplicateTextValidator(NearDuplicateTextValidator.DefaultThreshold),
    ];

    public static IReadOnlyList<SuiteIssue> Run(IReadOnlyList<Loading.LoadedSuite> suites) =>
        All.SelectMany(v => v.Validate(suites)).ToList();
}
