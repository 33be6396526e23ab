using AuditKit.Reporting.Summaries;
using AuditKit.Reporting.Synthetic;

namespace AuditKit.Reporting.Tests.Synthetic;

public class SyntheticRunsTests
{
    [Fact]
    public void Create_RequestedSize_FillsEverySection()
    {
        var run = SyntheticRuns.Create(2_000, seed: 3, "synthetic-7b", probes: 100);
        Assert.Equal(2_000, run.Attempts.Count);
        var s = AuditSummaryBuilder.Build([run], ReportPolicy.Default, "bench", DateTimeOffset.UnixEpoch);
        Assert.Equal(4, s.ModelLanguages.Count);
        Assert.NotEmpty(s.Controls);
        Assert.NotEmpty(s.LanguageGaps);
        Assert.NotEmpty(s.Reasoning);
        Assert.NotEmpty(s.RepeatedSampling);
        Assert.NotEmpty(s.Quotes);
    }

    [Fact]
    public void Create_SameSeed_SameLabels() =>
        Assert.Equal(
            SyntheticRuns.Create(300, 5, "m", 20).Attempts.Select(a => a.Verdict!.Compliance),
            SyntheticRuns.Create(300, 5, "m", 20).Attempts.Select(a => a.Verdict!.Compliance));
}
