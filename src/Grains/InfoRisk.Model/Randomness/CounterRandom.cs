namespace InfoRisk.Model.Randomness;

/// <summary>
/// Purpose of a random draw. Every draw in the model belongs to exactly one stream, so that adding a
/// draw to one mechanism never shifts the numbers another mechanism sees.
/// </summary>
public enum RandomStream : ushort
{
    SubjectSetup = 1,
    UserSetup = 2,
    DeployerSetup = 3,
    ProviderPlan = 10,
    DeployerPlan = 11,
    UserActivity = 20,
    UserChoice = 21,
    Collection = 30,
    PromptRetention = 31,
    DeployerIngestion = 32,
    Training = 40,
    Use = 50,
    FakeContent = 51,
    Decisions = 52,
    Leakage = 60,
    Harm = 70,
    Rights = 80,
    Litigation = 90,
    Sweep = 100,
    Replicate = 101,
    /// <summary>Waiting times to the next candidate event of the event-skipping sampler (docs/model.md §8).</summary>
    Waiting = 110,
}

/// <summary>
/// Counter-based random numbers: every draw is a pure function of
/// (run seed, stream, entity id, tick, counter), computed with the SplitMix64 finaliser.
/// No state is shared between entities, so results do not depend on how subjects are split into
/// cohorts, on how many silos or threads run, or on message order.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The SplitMix64 output function (Steele, Lea and Flood 2014): a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Key of the sequence of draws of one entity at one tick in one stream.</summary>
    public static ulong Key(ulong seed, RandomStream stream, long entity, int tick)
    {
        var h = Mix(seed + Golden * ((ulong)stream + 1));
        h = Mix(h ^ (ulong)entity * 0xD6E8FEB86659FD93UL);
        return Mix(h + Golden * ((ulong)(uint)tick + 0x100000000UL));
    }

    /// <summary>The counter-th 64-bit draw of the sequence <paramref name="key"/>.</summary>
    public static ulong Bits(ulong key, int counter) => Mix(key + Golden * (ulong)(counter + 1));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public static double Uniform(ulong key, int counter) => (Bits(key, counter) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Derives a child seed (for example a replicate's seed from the master seed).</summary>
    public static ulong Derive(ulong seed, RandomStream stream, long index) => Mix(Key(seed, stream, index, 0) ^ 0x5851F42D4C957F2DUL);
}

/// <summary>
/// The draws of one entity at one tick in one stream: a cheap value type that hands out
/// numbered draws. Counters are fixed per purpose inside a mechanism, never shared across mechanisms.
/// </summary>
public readonly struct DrawSequence
{
    private readonly ulong _key;

    public DrawSequence(ulong seed, RandomStream stream, long entity, int tick) => _key = CounterRandom.Key(seed, stream, entity, tick);

    public double Uniform(int counter) => CounterRandom.Uniform(_key, counter);

    public bool Bernoulli(int counter, double p) => p > 0 && (p >= 1 || Uniform(counter) < p);

    /// <summary>Poisson draw by inversion with one uniform (for small means, as used here: at most a few dozen).</summary>
    public int Poisson(int counter, double mean) => mean <= 0 ? 0 : Poisson(counter, mean, Math.Exp(-mean));

    /// <summary>As <see cref="Poisson(int, double)"/>, with exp(-mean) computed once by the caller for a loop over many entities.</summary>
    public int Poisson(int counter, double mean, double expMinusMean)
    {
        if (mean <= 0) return 0;
        var u = Uniform(counter);
        var p = expMinusMean;
        var cdf = p;
        var k = 0;
        while (u > cdf && k < 1000)
        {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    /// <summary>Binomial draw as a sum of Bernoulli trials on consecutive counters starting at <paramref name="counter"/> (n is small here).</summary>
    public int Binomial(int counter, int n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        var k = 0;
        for (var j = 0; j < n; j++)
        {
            if (Uniform(counter + j) < p) k++;
        }
        return k;
    }

    /// <summary>
    /// Geometric waiting time: the number of failed ticks before the first success of independent Bernoulli(q) trials,
    /// by inversion, ⌊ln(1 − U) / ln(1 − q)⌋ with <paramref name="invLogNot"/> = 1 / ln(1 − q) (negative); 0 when q ≥ 1
    /// (<paramref name="invLogNot"/> = 0) and at most <see cref="Geometric.Never"/>.
    /// </summary>
    public int Wait(int counter, double invLogNot) => Geometric.Wait(Uniform(counter), invLogNot);

    /// <summary>Exponential waiting time with the given mean.</summary>
    public double Exponential(int counter, double mean) => -mean * Math.Log(1.0 - Uniform(counter));
}

/// <summary>
/// A <see cref="DrawSequence"/> whose key is computed at the first draw: for loops where most entities draw
/// nothing on most ticks. The draws are exactly those of the eager sequence with the same key.
/// </summary>
public struct LazyDrawSequence(ulong seed, RandomStream stream, long entity, int tick)
{
    private ulong _key;
    private bool _keyed;

    public double Uniform(int counter)
    {
        if (!_keyed)
        {
            _key = CounterRandom.Key(seed, stream, entity, tick);
            _keyed = true;
        }
        return CounterRandom.Uniform(_key, counter);
    }
}

/// <summary>Geometric waiting times by inversion (docs/model.md §8).</summary>
public static class Geometric
{
    /// <summary>A wait no run reaches: the chain has no further candidate.</summary>
    public const int Never = int.MaxValue / 2;

    /// <summary>1 / ln(1 − q) for a success probability q: 0 when q ≥ 1 (no wait), −0 when q ≤ 0 (never).</summary>
    public static double InvLogNot(double q) => q >= 1 ? 0.0 : q <= 0 ? double.NegativeZero : 1.0 / Math.Log(1.0 - q);

    /// <summary>⌊ln(1 − u) / ln(1 − q)⌋ for u in [0, 1): P(wait ≥ g) = (1 − q)^g.</summary>
    public static int Wait(double u, double invLogNot)
    {
        if (invLogNot == 0.0) return double.IsNegative(invLogNot) ? Never : 0;
        var w = Math.Log(1.0 - u) * invLogNot;
        return w < Never ? (int)w : Never;
    }
}
