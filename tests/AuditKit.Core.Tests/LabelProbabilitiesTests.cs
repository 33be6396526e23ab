using AuditKit.Core.Verdicts;

namespace AuditKit.Core.Tests;

public class LabelProbabilitiesTests
{
    [Fact]
    public void From_SomeLabels_ReadsLikeTheDictionaryItReplaces()
    {
        var given = new Dictionary<ComplianceLabel, double> { [ComplianceLabel.Denial] = 0.7, [ComplianceLabel.Complete] = 0.3 };
        var compact = LabelProbabilities<ComplianceLabel>.From(given);

        Assert.Equal(2, compact.Count);
        Assert.Equal(0.7, compact[ComplianceLabel.Denial]);
        Assert.False(compact.TryGetValue(ComplianceLabel.Evasive, out _));
        Assert.Throws<KeyNotFoundException>(() => compact[ComplianceLabel.Error]);
        Assert.Equal(given.OrderBy(p => p.Key), compact);
    }

    [Fact]
    public void From_ANaNProbability_IsRefusedRatherThanReadAsAbsent()
    {
        Assert.Throws<ArgumentException>(() => LabelProbabilities<NarrativeLabel>.From([KeyValuePair.Create(NarrativeLabel.Aligned, double.NaN)]));
    }
}
