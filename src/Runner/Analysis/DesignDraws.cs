using InfoRisk.Model.Randomness;

namespace InfoRisk.Runner.Analysis;

/// <summary>What a design draw is for; each purpose has its own counter-based sequences, so adding draws to one never shifts another.</summary>
internal enum DesignPurpose
{
    SobolShift = 1,
    SobolBootstrap = 2,
    MorrisTrajectory = 3,
    MorrisBootstrap = 4,
    LatinHypercube = 5,
    PrimBootstrap = 6,
    ShapleyPermutation = 7,
    ParetoSearch = 8,
}

/// <summary>
/// Random draws of the statistical designs, from <see cref="CounterRandom"/>: every draw is a pure function of
/// (seed, purpose, entity, counter), so designs and bootstrap resamples depend on nothing but the seed.
/// The purposes live in the <see cref="RandomStream.Sweep"/> stream at "ticks" far above any model tick.
/// </summary>
internal readonly struct DesignDraws
{
    private const int PurposeTickBase = 0x5A700000;
    private readonly ulong _key;

    public DesignDraws(ulong seed, DesignPurpose purpose, long entity) =>
        _key = CounterRandom.Key(seed, RandomStream.Sweep, entity, PurposeTickBase + (int)purpose);

    public double Uniform(int counter) => CounterRandom.Uniform(_key, counter);

    public ulong Bits(int counter) => CounterRandom.Bits(_key, counter);

    /// <summary>A uniform integer in [0, n).</summary>
    public int Below(int counter, int n) => (int)Math.Min(n - 1, Math.Floor(Uniform(counter) * n));

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher and Yates), using counters firstCounter .. firstCounter + n - 2.</summary>
    public int[] Permutation(int firstCounter, int n)
    {
        var perm = new int[n];
        for (var i = 0; i < n; i++) perm[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = Below(firstCounter + (n - 1 - i), i + 1);
            (perm[i], perm[j]) = (perm[j], perm[i]);
        }
        return perm;
    }
}
