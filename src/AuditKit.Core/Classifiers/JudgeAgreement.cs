namespace AuditKit.Core.Classifiers;

/// <summary>
/// How often an LLM judge (<c>auditkit classify --judge</c>) agreed with the classifier on a run. Agreement is the
/// share of attempts with the same label; kappa corrects it for chance. Attempts the judge could not label are
/// counted in <see cref="Unreadable"/> and left out of both figures.
/// </summary>
/// <param name="Endpoint">The judge's server, without credentials.</param>
/// <param name="Judged">Attempts sent to the judge (answers the classifier called ERROR are not sent).</param>
public sealed record JudgeAgreement(
    string JudgeModel,
    string Endpoint,
    int Judged,
    int Unreadable,
    int ComplianceN,
    double ComplianceAgreement,
    double ComplianceKappa,
    int NarrativeN,
    double NarrativeAgreement,
    double NarrativeKappa);
