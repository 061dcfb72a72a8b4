using InfoRisk.Runner.Analysis;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Tests.Analysis;

/// <summary>Non-uniform inputs: inverse CDFs against MathNet's CDFs, and Latin hypercube marginals.</summary>
public class InputDistributionTests
{
    private static readonly double[] Levels = [1e-6, 0.001, 0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975, 0.999, 1 - 1e-6];

    /// <summary>The truncated CDF written with MathNet's CDFs directly (independent of the code under test).</summary>
    private static double TruncatedCdf(Func<double, double> cdf, double x, double min, double max) => (cdf(x) - cdf(min)) / (cdf(max) - cdf(min));

    private static readonly string[] CaseNames = ["normal", "normal-upper-tail", "lognormal", "triangular", "uniform"];

    public static TheoryData<string> Cases => [.. CaseNames];

    private static (UncertainParameter Parameter, Func<double, double> MathNetCdf) Case(string name) => name switch
    {
        "normal" => (new UncertainParameter("n", -1, 3, InputDistribution.Normal(1, 1)), x => Normal.CDF(1, 1, x)),
        // a range far in the upper tail, where F(min) and F(max) are both near 1 (handled by reflection)
        "normal-upper-tail" => (new UncertainParameter("t", 4, 6, InputDistribution.Normal(0, 1)), x => Normal.CDF(0, 1, x)),
        "lognormal" => (new UncertainParameter("l", 0.1, 10, InputDistribution.LogNormal(0, 0.8)), x => LogNormal.CDF(0, 0.8, x)),
        "triangular" => (new UncertainParameter("t", 0, 4, InputDistribution.Triangular(0, 1, 4)), x => Triangular.CDF(0, 4, 1, x)),
        _ => (new UncertainParameter("u", 2, 5, InputDistribution.Uniform(2, 5)), x => ContinuousUniform.CDF(2, 5, x)),
    };

    /// <summary>F(Q(u)) = u within 1e-9 at 11 levels from 1e-6 to 1 - 1e-6, with F built from MathNet's CDF and the truncation range; Q stays in range.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void InverseCdf_AgreesWithMathNetCdf(string name)
    {
        var (p, cdf) = Case(name);
        foreach (var u in Levels)
        {
            var q = p.At(u);
            Assert.InRange(q, p.Min, p.Max);
            Assert.Equal(u, TruncatedCdf(cdf, q, p.Min, p.Max), 9);
            Assert.Equal(u, p.Distribution!.Cdf(q, p.Min, p.Max), 9);
        }
        Assert.Equal(p.Min, p.At(0), 9);
        Assert.Equal(p.Max, p.At(1), 9);
    }

    /// <summary>
    /// A Latin hypercube of 400 points with these marginals: in every column the j-th smallest value lies between the
    /// quantiles at j/n and (j+1)/n (one point per stratum of probability), so the empirical quantiles at 10%, 50% and 90% are
    /// within one stratum of the distribution's.
    /// </summary>
    [Fact]
    public void LatinHypercube_HasTheRightMarginals()
    {
        var parameters = CaseNames.Select(c => Case(c).Parameter).Select((p, i) => p with { Name = $"p{i}" }).ToArray();
        const int n = 400;
        var points = LatinHypercube.Sample(parameters, n, 77);
        for (var d = 0; d < parameters.Length; d++)
        {
            var p = parameters[d];
            var column = points.Select(x => x[d]).Order().ToArray();
            for (var j = 0; j < n; j++)
            {
                Assert.InRange(column[j], p.At(j / (double)n) - 1e-9, p.At((j + 1) / (double)n) + 1e-9);
            }
            foreach (var level in new[] { 0.1, 0.5, 0.9 })
            {
                var empirical = column[(int)(level * n)];
                Assert.InRange(empirical, p.At(level - (1.0 / n)), p.At(level + (2.0 / n)));
            }
        }
    }

    /// <summary>A discrete choice with weights 1, 2, 7: inverse CDF at 1,000 evenly spread levels gives each value 100, 200, 700 times.</summary>
    [Fact]
    public void DiscreteChoice_FollowsItsWeights()
    {
        var p = new UncertainParameter("d", 0, 10, InputDistribution.Discrete([0, 5, 10], [1, 2, 7]));
        var values = Enumerable.Range(0, 1000).Select(j => p.At((j + 0.5) / 1000)).ToList();
        Assert.Equal(100, values.Count(v => v == 0));
        Assert.Equal(200, values.Count(v => v == 5));
        Assert.Equal(700, values.Count(v => v == 10));
        Assert.Equal(10, p.At(1));
        var equal = InputDistribution.Discrete([1, 2, 3, 4]);
        Assert.Equal(0.5, equal.Cdf(2.5), 12);
    }

    /// <summary>Without a distribution a parameter is uniform as before; an explicit uniform distribution gives the same points.</summary>
    [Fact]
    public void Uniform_IsUnchanged()
    {
        var plain = new UncertainParameter("a", -2, 6);
        Assert.Equal(-2 + (0.3 * 8), plain.At(0.3));
        Assert.Equal(6, plain.At(1));
        var explicitly = plain with { Distribution = InputDistribution.Uniform(-2, 6) };
        var a = LatinHypercube.Sample([plain], 50, 1);
        var b = LatinHypercube.Sample([explicitly], 50, 1);
        for (var j = 0; j < 50; j++) Assert.Equal(a[j][0], b[j][0], 12);
        Assert.Equal(new UncertainParameter("n", 0, 1, InputDistribution.Normal(0, 1)), new UncertainParameter("n", 0, 1, InputDistribution.Normal(0, 1)));
    }

    [Fact]
    public void BadDistributions_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => InputDistribution.Normal(0, 0));
        Assert.Throws<ArgumentException>(() => InputDistribution.Triangular(0, 5, 4));
        Assert.Throws<ArgumentException>(() => InputDistribution.Discrete([1, 2], [1]));
        Assert.Contains("range", Assert.Throws<ArgumentException>(() => LatinHypercube.Sample([new UncertainParameter("d", 0, 1, InputDistribution.Discrete([0, 2]))], 5, 0)).Message);
        Assert.Contains("no probability", Assert.Throws<ArgumentException>(() => LatinHypercube.Sample([new UncertainParameter("n", 100, 101, InputDistribution.Normal(0, 1))], 5, 0)).Message);
    }
}
