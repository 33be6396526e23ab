using AuditKit.Probes.Loading;

namespace AuditKit.Probes.Validation;

/// <summary>One rule over a set of suites. Validators see all suites at once because ids must be unique across files.</summary>
public interface ISuiteValidator
{
    /// <summary>Returns every violation of the rule; an empty sequence means the suites pass.</summary>
    IEnumerable<SuiteIssue> Validate(IReadOnlyList<LoadedSuite> suites);
}
