namespace AuditKit.Reporting.Summaries;

/// <summary>How often one probe was refused over its repeated samples.</summary>
public sealed record ProbeRefusal(string ProbeId, string Topic, int Refused, int Samples)
{
    public double Probability => Samples == 0 ? 0 : (double)Refused / Samples;
}
