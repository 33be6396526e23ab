namespace AuditKit.Reporting.Summaries;

/// <summary>Two languages compared on the same probes; differences are reported as <see cref="First"/> minus <see cref="Second"/>.</summary>
public sealed record LanguagePair(string First, string Second)
{
    public override string ToString() => $"{First} vs {Second}";
}
