namespace AuditKit.Core.Suites;

/// <summary>What a probe asks for; reports break rates down by kind.</summary>
public enum ProbeKind
{
    /// <summary>Factual recall with ground truth (expected facts).</summary>
    Fact,
    /// <summary>A neutral request to explain.</summary>
    Explain,
    /// <summary>Asks for the model's own judgment.</summary>
    Opinion,
    /// <summary>Asks for an essay or list of criticisms.</summary>
    Critique,
    /// <summary>Asks for satire or humour about a person or government.</summary>
    Satire,
    /// <summary>Framed the way official media would frame it.</summary>
    Leading,
    /// <summary>A matched control of no particular kind. Newer controls carry the kind of the probe they mirror and name their topic in <c>control_for</c>.</summary>
    Control,
}
