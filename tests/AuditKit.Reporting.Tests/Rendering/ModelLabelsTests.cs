using AuditKit.Reporting.Rendering;

namespace AuditKit.Reporting.Tests.Rendering;

public class ModelLabelsTests
{
    [Fact]
    public void Unique_VersionsOfOneModel_ToldApart()
    {
        var labels = ModelLabels.Unique(["deepseek/deepseek-r1", "deepseek/deepseek-r1-0528", "deepseek/deepseek-r1-zero"], 36);
        Assert.Equal("deepseek/deepseek-r1", labels["deepseek/deepseek-r1"]);
        Assert.Equal("deepseek/deepseek-r1-0528", labels["deepseek/deepseek-r1-0528"]);
        Assert.Equal(3, labels.Values.Distinct().Count());
    }

    [Fact]
    public void Unique_LongNamesSharingAPrefix_KeepTheirDistinctEnds()
    {
        string a = "organisation/very-long-model-family-name-instruct-2025-01-01", b = "organisation/very-long-model-family-name-instruct-2025-06-30";
        var labels = ModelLabels.Unique([a, b], 24);
        Assert.NotEqual(labels[a], labels[b]);
        Assert.EndsWith("01-01", labels[a]);
        Assert.EndsWith("06-30", labels[b]);
        Assert.All(labels.Values, l => Assert.True(l.Length <= 24, l));
    }

    [Fact]
    public void Unique_CutsCollide_FallBackToFullNames()
    {
        string a = "x/" + new string('a', 20) + "-mid-one-" + new string('z', 20), b = "x/" + new string('a', 20) + "-mid-two-" + new string('z', 20);
        var labels = ModelLabels.Unique([a, b], 16);
        Assert.Equal(a, labels[a]);
        Assert.Equal(b, labels[b]);
    }
}
