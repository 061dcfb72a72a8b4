using InfoRisk.Model.Randomness;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Tests.Model;

/// <summary>The counter-based generator and its draw primitives: uniform on [0, 1), distinct sequences for distinct (seed, stream, entity, tick, counter), and binomial, Poisson and exponential draws with the right moments.</summary>
public class CounterRandomTests
{
    private const int N = 100_000;

    private static double[] Draws(Func<int, double> draw) => [.. Enumerable.Range(0, N).Select(draw)];

    public static TheoryData<string> Layouts => new("counters", "entities", "ticks", "seeds");

    /// <summary>The ways the model walks through the generator: along counters, entities, ticks, or seeds.</summary>
    private static Func<int, double> Layout(string layout) => layout switch
    {
        "counters" => k => new DrawSequence(42, RandomStream.Collection, 7, 3).Uniform(k),
        "entities" => k => new DrawSequence(42, RandomStream.Collection, k, 3).Uniform(0),
        "ticks" => k => new DrawSequence(42, RandomStream.Harm, 7, k).Uniform(1),
        "seeds" => k => new DrawSequence((ulong)k, RandomStream.Leakage, 0, 0).Uniform(0),
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    /// <summary>
    /// 100,000 draws: all in [0, 1); mean within 4 standard errors of 1/2 (sd of U(0,1) is 1/sqrt(12));
    /// chi-square over 10 equal bins below the 0.999 quantile of chi-square with 9 degrees of freedom (27.88),
    /// so a correct generator fails one layout in a thousand.
    /// </summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void Uniform_IsUniformOnTheUnitInterval(string layout)
    {
        var xs = Draws(Layout(layout));
        Assert.All(xs, x => Assert.True(x is >= 0.0 and < 1.0, $"draw {x} outside [0, 1)"));

        var se = 1 / Math.Sqrt(12.0 * N);
        Assert.True(Math.Abs(xs.Average() - 0.5) <= 4 * se, $"{layout}: mean {xs.Average():F5}, expected 0.5 +- 4 x {se:F5}");

        var bins = new int[10];
        foreach (var x in xs) bins[(int)(x * 10)]++;
        const double expected = N / 10.0;
        var chi2 = bins.Sum(b => (b - expected) * (b - expected) / expected);
        var critical = ChiSquared.InvCDF(9, 0.999);
        Assert.True(chi2 < critical, $"{layout}: chi-square {chi2:F2} over 10 bins >= {critical:F2} (p = 0.001, 9 df); bins {string.Join(",", bins)}");
    }

    /// <summary>Successive draws are uncorrelated: lag-1 correlation within 4/sqrt(n) of 0 along each layout.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void SuccessiveDraws_AreUncorrelated(string layout)
    {
        var xs = Draws(Layout(layout));
        var mean = xs.Average();
        double num = 0, den = 0;
        for (var k = 0; k < N; k++)
        {
            den += (xs[k] - mean) * (xs[k] - mean);
            if (k > 0) num += (xs[k] - mean) * (xs[k - 1] - mean);
        }
        var r = num / den;
        Assert.True(Math.Abs(r) <= 4 / Math.Sqrt(N), $"{layout}: lag-1 correlation {r:F5} beyond 4/sqrt(n) = {4 / Math.Sqrt(N):F5}");
    }

    [Fact]
    public void DifferentStreamsEntitiesTicksAndSeeds_GiveDifferentSequences()
    {
        static double[] Sequence(ulong seed, RandomStream stream, long entity, int tick)
        {
            var d = new DrawSequence(seed, stream, entity, tick);
            return [.. Enumerable.Range(0, 16).Select(d.Uniform)];
        }

        var reference = Sequence(42, RandomStream.Collection, 7, 3);
        Assert.Equal(reference, Sequence(42, RandomStream.Collection, 7, 3)); // a pure function
        var variants = new Dictionary<string, double[]>
        {
            ["seed"] = Sequence(43, RandomStream.Collection, 7, 3),
            ["stream"] = Sequence(42, RandomStream.PromptRetention, 7, 3),
            ["entity"] = Sequence(42, RandomStream.Collection, 8, 3),
            ["tick"] = Sequence(42, RandomStream.Collection, 7, 4),
            ["negative tick"] = Sequence(42, RandomStream.Collection, 7, -1),
            ["negative entity"] = Sequence(42, RandomStream.Collection, -7, 3),
        };
        foreach (var (what, seq) in variants)
        {
            // no draw in common at any position
            Assert.False(reference.Intersect(seq).Any(), $"changing the {what} left draws unchanged");
        }
    }

    /// <summary>
    /// No collisions among the keys of every (stream, entity, tick) in a grid of 21 streams x 200 entities x 100 ticks, nor among the
    /// first draws of sequences keyed by (entity, tick) pairs that differ only by swapping the two coordinates.
    /// </summary>
    [Fact]
    public void Keys_DoNotCollideOnAGrid()
    {
        var keys = new HashSet<ulong>();
        var streams = Enum.GetValues<RandomStream>();
        foreach (var stream in streams)
            for (var entity = 0; entity < 200; entity++)
                for (var tick = 0; tick < 100; tick++)
                    Assert.True(keys.Add(CounterRandom.Key(1, stream, entity, tick)), $"key collision at ({stream}, {entity}, {tick})");
        Assert.Equal(streams.Length * 200 * 100, keys.Count);
        for (var a = 0; a < 50; a++)
            for (var b = a + 1; b < 50; b++)
                Assert.NotEqual(new DrawSequence(1, RandomStream.Use, a, b).Uniform(0), new DrawSequence(1, RandomStream.Use, b, a).Uniform(0));
    }

    [Fact]
    public void Mix_IsABijectionOnASample_AndDeriveGivesDistinctChildSeeds()
    {
        var outputs = new HashSet<ulong>();
        for (ulong z = 0; z < 100_000; z++) Assert.True(outputs.Add(CounterRandom.Mix(z * 0x9E3779B97F4A7C15UL)), $"Mix collision at {z}");
        var children = Enumerable.Range(0, 1000).Select(i => CounterRandom.Derive(7, RandomStream.Replicate, i)).ToHashSet();
        Assert.Equal(1000, children.Count);
        Assert.NotEqual(CounterRandom.Derive(7, RandomStream.Replicate, 0), CounterRandom.Derive(7, RandomStream.Sweep, 0));
        Assert.NotEqual(CounterRandom.Derive(7, RandomStream.Replicate, 0), CounterRandom.Derive(8, RandomStream.Replicate, 0));
    }

    [Fact]
    public void Bernoulli_RespectsItsEdges_AndItsProbability()
    {
        var d = new DrawSequence(3, RandomStream.Rights, 1, 1);
        for (var k = 0; k < 1000; k++)
        {
            Assert.False(d.Bernoulli(k, 0.0));
            Assert.False(d.Bernoulli(k, -0.5));
            Assert.True(d.Bernoulli(k, 1.0));
        }
        // P = 0.3 over 100,000 counters: tolerance 4 binomial standard errors
        var hits = Enumerable.Range(0, N).Count(k => d.Bernoulli(k, 0.3));
        var se = Math.Sqrt(N * 0.3 * 0.7);
        Assert.True(Math.Abs(hits - 0.3 * N) <= 4 * se, $"{hits} successes, expected {0.3 * N} +- 4 x {se:F1}");
    }

    // ------------------------------------------------------------------ the draw primitives

    /// <summary>Binomial(n, p) as Bernoulli sums: over 50,000 sequences the mean is n p and the variance n p (1 - p). Tolerance 4 standard errors of the mean; variance within 5%.</summary>
    [Theory]
    [InlineData(20, 0.3)]
    [InlineData(255, 0.0204)]
    [InlineData(6, 0.25)]
    public void Binomial_HasMeanNpAndVarianceNpq(int trials, double p)
    {
        const int draws = 50_000;
        var xs = new double[draws];
        for (var k = 0; k < draws; k++) xs[k] = new DrawSequence(8, RandomStream.Training, k, 3).Binomial(512, trials, p);
        var mean = xs.Average();
        var variance = xs.Sum(x => (x - mean) * (x - mean)) / (draws - 1);
        var np = trials * p;
        var npq = np * (1 - p);
        Assert.True(Math.Abs(mean - np) <= 4 * Math.Sqrt(npq / draws), $"Binomial({trials}, {p}) mean {mean:F4}, expected {np:F4} +- 4 x {Math.Sqrt(npq / draws):F4}");
        Assert.True(Math.Abs(variance / npq - 1) <= 0.05, $"Binomial({trials}, {p}) variance {variance:F4}, expected {npq:F4} within 5%");
        Assert.All(xs, x => Assert.InRange(x, 0, trials));
        Assert.Equal(0, new DrawSequence(8, RandomStream.Training, 1, 1).Binomial(0, trials, 0.0));
        Assert.Equal(trials, new DrawSequence(8, RandomStream.Training, 1, 1).Binomial(0, trials, 1.0));
    }

    /// <summary>Poisson by inversion: mean and variance equal the parameter. Tolerance 4 standard errors of the mean; variance within 5%.</summary>
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.44)]
    [InlineData(7.0)]
    [InlineData(30.0)]
    public void Poisson_HasMeanAndVarianceLambda(double lambda)
    {
        const int draws = 50_000;
        var xs = new double[draws];
        for (var k = 0; k < draws; k++) xs[k] = new DrawSequence(9, RandomStream.UserActivity, k, 1).Poisson(0, lambda);
        var mean = xs.Average();
        var variance = xs.Sum(x => (x - mean) * (x - mean)) / (draws - 1);
        Assert.True(Math.Abs(mean - lambda) <= 4 * Math.Sqrt(lambda / draws), $"Poisson({lambda}) mean {mean:F4}, expected {lambda} +- 4 x {Math.Sqrt(lambda / draws):F4}");
        Assert.True(Math.Abs(variance / lambda - 1) <= 0.05, $"Poisson({lambda}) variance {variance:F4}, expected {lambda} within 5%");
    }

    /// <summary>Exponential waiting times: mean equals the parameter. Tolerance 4 standard errors (sd = mean).</summary>
    [Fact]
    public void Exponential_HasTheGivenMean()
    {
        const int draws = 50_000;
        const double mean = 60.0;
        var sum = 0.0;
        for (var k = 0; k < draws; k++)
        {
            var x = new DrawSequence(10, RandomStream.Harm, k, 2).Exponential(4, mean);
            Assert.True(x >= 0 && double.IsFinite(x), $"exponential draw {x}");
            sum += x;
        }
        var se = mean / Math.Sqrt(draws);
        Assert.True(Math.Abs(sum / draws - mean) <= 4 * se, $"exponential mean {sum / draws:F3}, expected {mean} +- 4 x {se:F3}");
    }
}
