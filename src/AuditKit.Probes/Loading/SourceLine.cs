namespace AuditKit.Probes.Loading;

/// <summary>Where something was declared, for error messages (<c>probes/china.yaml:120</c>).</summary>
public sealed record SourceLine(string File, long Line)
{
    public override string ToString() => $"{File}:{Line}";
}
