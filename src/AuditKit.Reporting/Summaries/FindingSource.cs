namespace AuditKit.Reporting.Summaries;

/// <summary>The table a key finding rests on; each format links the sentence to it.</summary>
public enum FindingSource
{
    /// <summary>Rates by model and language.</summary>
    Rates,
    /// <summary>Refusal by topic.</summary>
    Topics,
    /// <summary>Sensitive probes against matched controls.</summary>
    Controls,
    /// <summary>Sensitive probes against their own paired controls (McNemar, Holm-corrected).</summary>
    PairedControls,
    /// <summary>Language gap on the same probes.</summary>
    LanguageGaps,
}
