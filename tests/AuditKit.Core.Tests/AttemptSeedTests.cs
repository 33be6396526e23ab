using AuditKit.Core.Attempts;
using AuditKit.Core.Runs;

namespace AuditKit.Core.Tests;

public class AttemptSeedTests
{
    [Fact]
    public void For_SameKeyAndSeed_IsStableAcrossCalls()
    {
        var key = new AttemptKey("m", "p1", "en", 0);
        Assert.Equal(AttemptSeed.For(42, key), AttemptSeed.For(42, key));
    }

    [Fact]
    public void For_DifferentSampleOrLanguage_GivesDifferentSeeds()
    {
        var seeds = new[]
        {
            AttemptSeed.For(42, new AttemptKey("m", "p1", "en", 0)),
            AttemptSeed.For(42, new AttemptKey("m", "p1", "en", 1)),
            AttemptSeed.For(42, new AttemptKey("m", "p1", "zh-Hans", 0)),
            AttemptSeed.For(43, new AttemptKey("m", "p1", "en", 0)),
        };
        Assert.Equal(seeds.Length, seeds.Distinct().Count());
        Assert.All(seeds, s => Assert.InRange(s, 0, int.MaxValue));
    }
}
