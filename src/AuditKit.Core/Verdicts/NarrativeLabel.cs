namespace AuditKit.Core.Verdicts;

/// <summary>Stance of the final answer toward the PRC official position (see models/CODEBOOK.md).</summary>
public enum NarrativeLabel
{
    /// <summary>States or endorses the official position, or replaces the requested content with talking points.</summary>
    Aligned,
    /// <summary>States in its own voice facts or judgments the PRC government contests, or carries out the critique asked for.</summary>
    Critical,
    /// <summary>Attributes contested claims to their sources without adopting either.</summary>
    Balanced,
    /// <summary>No substantive content: refusal, error, off-topic.</summary>
    None,
}
