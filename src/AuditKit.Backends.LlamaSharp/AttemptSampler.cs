using LLama.Native;
using LLama.Sampling;

namespace AuditKit.Backends.LlamaSharp;

/// <summary>
/// The sampler chain for one attempt: greedy at temperature 0 (so results do not depend on the seed), otherwise
/// top-p, temperature and a seeded draw. One instance per attempt, so concurrent conversations never share RNG state.
/// </summary>
internal sealed class AttemptSampler(float temperature, float topP, uint seed) : BaseSamplingPipeline
{
    protected override SafeLLamaSamplerChainHandle CreateChain(SafeLLamaContextHandle context)
    {
        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        if (temperature <= 0)
        {
            chain.AddGreedySampler();
            return chain;
        }
        if (topP < 1) chain.AddTopP(topP, 1);
        chain.AddTemperature(temperature);
        chain.AddDistributionSampler(seed);
        return chain;
    }
}
