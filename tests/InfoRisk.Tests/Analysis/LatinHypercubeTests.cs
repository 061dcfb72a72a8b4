using InfoRisk.Runner.Analysis;

namespace InfoRisk.Tests.Analysis;

/// <summary>Latin hypercube: one point per stratum per dimension, independent orders, uniform within strata.</summary>
public class LatinHypercubeTests
{
    private static readonly UncertainParameter[] Inputs = [new("a", 0, 1), new("b", -50, 50), new("c", 1e-6, 2e-6), new("d", 3, 4)];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(1000)]
    public void EveryStratum_IsHitExactlyOncePerDimension(int n)
    {
        var points = LatinHypercube.Sample(Inputs, n, 2026);
        Assert.Equal(n, points.Count);
        for (var d = 0; d < Inputs.Length; d++)
        {
            var p = Inputs[d];
            var strata = points.Select(x =>
            {
                Assert.InRange(x[d], p.Min, p.Max);
                return Math.Min(n - 1, (int)Math.Floor((x[d] - p.Min) / (p.Max - p.Min) * n));
            }).Order();
            Assert.Equal(Enumerable.Range(0, n), strata);
        }
    }

    /// <summary>
    /// The orders differ between dimensions (not the same permutation twice), and positions within the strata look
    /// uniform: over 4 dimensions x 1000 points the mean offset is within 4 standard errors (1/sqrt(12 x 4000)) of 1/2.
    /// </summary>
    [Fact]
    public void Dimensions_AreIndependentlyOrdered_AndUniformWithinStrata()
    {
        const int n = 1000;
        var points = LatinHypercube.Sample(Inputs, n, 9);
        var orders = Enumerable.Range(0, Inputs.Length).Select(d => string.Join(",", points.Select(x => x[d]).Select((v, j) => (v, j)).OrderBy(t => t.v).Select(t => t.j))).ToArray();
        Assert.Equal(Inputs.Length, orders.Distinct().Count());

        var offsets = new List<double>();
        for (var d = 0; d < Inputs.Length; d++)
        {
            var p = Inputs[d];
            foreach (var x in points)
            {
                var scaled = (x[d] - p.Min) / (p.Max - p.Min) * n;
                offsets.Add(scaled - Math.Floor(scaled));
            }
        }
        var se = 1 / Math.Sqrt(12.0 * offsets.Count);
        Assert.InRange(offsets.Average(), 0.5 - (4 * se), 0.5 + (4 * se));
    }

    [Fact]
    public void SameSeed_GivesTheSameSample_OtherSeedsDiffer()
    {
        Assert.Equal(LatinHypercube.Sample(Inputs, 50, 3), LatinHypercube.Sample(Inputs, 50, 3));
        Assert.NotEqual(LatinHypercube.Sample(Inputs, 50, 3), LatinHypercube.Sample(Inputs, 50, 4));
    }

    /// <summary>Columns are drawn per dimension: adding a parameter leaves the existing columns unchanged.</summary>
    [Fact]
    public void AddingAParameter_KeepsTheOtherColumns()
    {
        var three = LatinHypercube.Sample(Inputs[..3], 40, 8);
        var four = LatinHypercube.Sample(Inputs, 40, 8);
        Assert.Equal(three, four.Select(x => x[..3]));
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatinHypercube.Sample(Inputs, 0, 0));
        Assert.Contains("Min < Max", Assert.Throws<ArgumentException>(() => LatinHypercube.Sample([new("a", 2, 1)], 5, 0)).Message);
    }
}
