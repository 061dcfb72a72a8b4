using InfoRisk.Model.Randomness;

namespace InfoRisk.Tests.Analysis;

/// <summary>Seeded draws for the analysis tests: CounterRandom sequences keyed by (seed, entity), so every test is reproducible.</summary>
internal readonly struct TestDraws(ulong seed, long entity = 0)
{
    private readonly ulong _key = CounterRandom.Key(seed, RandomStream.Sweep, entity, 0x7E570000);

    /// <summary>A uniform double in [0, 1).</summary>
    public double Uniform(int counter) => CounterRandom.Uniform(_key, counter);

    /// <summary>A uniform double in (0, 1): never exactly 0, so inverse CDFs stay finite.</summary>
    public double Open(int counter) => ((CounterRandom.Bits(_key, counter) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw by inversion (MathNet).</summary>
    public double Normal(int counter) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, Open(counter));
}
