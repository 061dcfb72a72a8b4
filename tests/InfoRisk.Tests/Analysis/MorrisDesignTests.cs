using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>Morris elementary effects: trajectory layout, a linear function's exact effects, and Ishigami's expected mu*.</summary>
public class MorrisDesignTests(ITestOutputHelper output)
{
    private static double[] Evaluate(MorrisDesign design, Func<double[], double> f) => [.. design.Points.Select(f)];

    private static IndexEstimate Find(IReadOnlyList<IndexEstimate> estimates, string parameter, string index) =>
        estimates.Single(e => e.Parameter == parameter && e.Index == index);

    /// <summary>
    /// y = 2 a - 3 b + 0.5 c + 0 d with ranges 10, 1, 10, 1: every elementary effect (per unit of normalised input)
    /// is c_i x range_i, so mu = 20, -3, 5, 0, mu* = 20, 3, 5, 0 and sigma = 0 (to rounding: 1e-9).
    /// </summary>
    [Fact]
    public void LinearFunction_HasEffectsEqualToSlopeTimesRange_AndNoSpread()
    {
        UncertainParameter[] inputs = [new("a", 0, 10), new("b", 1, 2), new("c", -5, 5), new("d", 0, 1)];
        double[] slope = [2, -3, 0.5, 0];
        var design = MorrisDesign.Create(inputs, 20, 4, 77);
        var estimates = design.Estimate(Evaluate(design, x => x.Select((v, i) => slope[i] * v).Sum()), 100, 1);
        Assert.Equal(12, estimates.Count);
        for (var i = 0; i < inputs.Length; i++)
        {
            var effect = slope[i] * (inputs[i].Max - inputs[i].Min);
            Assert.Equal(effect, Find(estimates, inputs[i].Name, "mu").Estimate, 1e-9);
            Assert.Equal(Math.Abs(effect), Find(estimates, inputs[i].Name, "mu_star").Estimate, 1e-9);
            Assert.Equal(0, Find(estimates, inputs[i].Name, "sigma").Estimate, 1e-9);
            Assert.Equal(Math.Abs(effect), Find(estimates, inputs[i].Name, "mu_star").Ci95Low, 1e-9);
            Assert.Equal(Math.Abs(effect), Find(estimates, inputs[i].Name, "mu_star").Ci95High, 1e-9);
        }
    }

    /// <summary>
    /// Ishigami (a = 7, b = 0.1) on [-pi, pi]^3 with p = 4 levels: delta = 2/3, and each move goes between levels
    /// (-pi, pi/3) or (-pi/3, pi), while the other inputs sit uniformly on the four levels. By hand:
    /// EE1 = 1.5 (sqrt3/2)(1 + 0.1 x3^4) with x3^4 = pi^4 or pi^4/81 (probability 1/2 each);
    /// |EE2| = 1.5 x 7 x 3/4 = 7.875 always, sign +/- with probability 1/2;
    /// |EE3| = 1.5 x 0.1 (sqrt3/2) pi^4 (80/81) when sin x1 != 0 (probability 1/2), else 0, sign +/- equally.
    /// r = 1000 trajectories (seed 31): mu* and mu within 4 standard errors (sd / sqrt r) of their expectations,
    /// sigma within 10% of its expectation (relative standard error of a sample sd here is at most 1.6%), and the
    /// bootstrap CI of mu* (500 resamples) covers the expectation. The resulting ranking is x2 > x1 > x3 on mu*.
    /// </summary>
    [Fact]
    public void Ishigami_EffectsMatchTheirExpectationsOnTheGrid()
    {
        UncertainParameter[] inputs = [new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)];
        const int r = 1000;
        var design = MorrisDesign.Create(inputs, r, 4, 31);
        var estimates = design.Estimate(Evaluate(design, Ishigami.F), 500, 2);
        foreach (var e in estimates) output.WriteLine($"{e.Parameter} {e.Index}: {e.Estimate:F4} [{e.Ci95Low:F4}, {e.Ci95High:F4}]");

        var pi4 = Math.Pow(Math.PI, 4);
        var root3 = Math.Sqrt(3) / 2;
        var high = 1.5 * root3 * (1 + (0.1 * pi4));
        var low = 1.5 * root3 * (1 + (0.1 * pi4 / 81));
        var e3 = 1.5 * 0.1 * root3 * pi4 * 80 / 81;

        // x1: EE1 is high or low with probability 1/2: mean (high + low)/2, sd (high - low)/2, never negative.
        Check("x1", "mu_star", (high + low) / 2, (high - low) / 2);
        Check("x1", "mu", (high + low) / 2, (high - low) / 2);
        CheckSigma("x1", (high - low) / 2);
        // x2: |EE2| is 7.875 exactly in every trajectory.
        Assert.Equal(7.875, Find(estimates, "x2", "mu_star").Estimate, 1e-9);
        Check("x2", "mu", 0, 7.875);
        CheckSigma("x2", 7.875);
        // x3: |EE3| is e3 or 0 with probability 1/2: mean e3/2, sd e3/2; EE3 is 0, +e3, -e3 with 1/2, 1/4, 1/4: sd e3/sqrt2.
        Check("x3", "mu_star", e3 / 2, e3 / 2);
        Check("x3", "mu", 0, e3 / Math.Sqrt(2));
        CheckSigma("x3", e3 / Math.Sqrt(2));

        Assert.InRange((high + low) / 2, Find(estimates, "x1", "mu_star").Ci95Low, Find(estimates, "x1", "mu_star").Ci95High);
        Assert.InRange(e3 / 2, Find(estimates, "x3", "mu_star").Ci95Low, Find(estimates, "x3", "mu_star").Ci95High);
        Assert.True(Find(estimates, "x2", "mu_star").Estimate > Find(estimates, "x1", "mu_star").Estimate);
        Assert.True(Find(estimates, "x1", "mu_star").Estimate > Find(estimates, "x3", "mu_star").Estimate);

        void Check(string parameter, string index, double expected, double sd)
        {
            var tolerance = 4 * sd / Math.Sqrt(r);
            Assert.InRange(Find(estimates, parameter, index).Estimate, expected - tolerance, expected + tolerance);
        }

        void CheckSigma(string parameter, double expected) =>
            Assert.InRange(Find(estimates, parameter, "sigma").Estimate, 0.9 * expected, 1.1 * expected);
    }

    /// <summary>
    /// Layout: r (k + 1) points; within a trajectory consecutive points differ in exactly one parameter, by delta x range;
    /// every parameter moves exactly once; every value lies on the p-level grid; starts and orders vary between trajectories.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(2)]
    public void Trajectories_MoveOneParameterAtATimeOnTheGrid(int levels)
    {
        UncertainParameter[] inputs = [new("a", 0, 10), new("b", 100, 300), new("c", -1, 0), new("d", 0, 1), new("e", 5, 6)];
        const int r = 200;
        var k = inputs.Length;
        var design = MorrisDesign.Create(inputs, r, levels, 8);
        Assert.Equal(r * (k + 1), design.Points.Count);
        var delta = levels / (2.0 * (levels - 1));
        Assert.Equal(delta, design.Delta);
        var firstMoved = new HashSet<int>();
        var starts = new HashSet<string>();
        for (var t = 0; t < r; t++)
        {
            var moved = new List<int>();
            for (var m = 0; m <= k; m++)
            {
                var x = design.Points[(t * (k + 1)) + m];
                for (var i = 0; i < k; i++)
                {
                    var level = (x[i] - inputs[i].Min) / (inputs[i].Max - inputs[i].Min) * (levels - 1);
                    Assert.Equal(Math.Round(level), level, 1e-9);
                }
                if (m == 0)
                {
                    starts.Add(string.Join(",", x));
                    continue;
                }
                var previous = design.Points[(t * (k + 1)) + m - 1];
                var changed = Enumerable.Range(0, k).Where(i => x[i] != previous[i]).ToArray();
                var only = Assert.Single(changed);
                Assert.Equal(delta * (inputs[only].Max - inputs[only].Min), Math.Abs(x[only] - previous[only]), 1e-9);
                moved.Add(only);
            }
            Assert.Equal(Enumerable.Range(0, k), moved.Order());
            firstMoved.Add(moved[0]);
        }
        Assert.Equal(k, firstMoved.Count);
        Assert.True(starts.Count > 1);
    }

    [Fact]
    public void SameSeed_GivesTheSameDesignAndEstimates_OtherSeedsDiffer()
    {
        UncertainParameter[] inputs = [new("x1", -Math.PI, Math.PI), new("x2", -Math.PI, Math.PI), new("x3", -Math.PI, Math.PI)];
        var one = MorrisDesign.Create(inputs, 30, 4, 5);
        var two = MorrisDesign.Create(inputs, 30, 4, 5);
        var other = MorrisDesign.Create(inputs, 30, 4, 6);
        Assert.Equal(one.Points, two.Points);
        Assert.NotEqual(one.Points, other.Points);
        Assert.Equal(one.Estimate(Evaluate(one, Ishigami.F), 40, 1), two.Estimate(Evaluate(two, Ishigami.F), 40, 1));
    }

    /// <summary>
    /// Draws are keyed by trajectory: the first 100 trajectories of a 200-trajectory design equal a 100-trajectory
    /// design with the same seed. The point estimates do not depend on the number of bootstrap resamples.
    /// </summary>
    [Fact]
    public void Trajectories_DependOnlyOnSeedAndIndex()
    {
        UncertainParameter[] inputs = [new("a", 0, 1), new("b", 0, 2), new("c", 0, 3)];
        var small = MorrisDesign.Create(inputs, 100, 4, 12);
        var large = MorrisDesign.Create(inputs, 200, 4, 12);
        Assert.Equal(small.Points, large.Points.Take(small.Points.Count));
        var outputs = Evaluate(small, x => x[0] * x[1] + x[2]);
        var few = small.Estimate(outputs, 200, 3);
        var many = small.Estimate(outputs, 400, 3);
        Assert.Equal(few.Select(e => e.Estimate), many.Select(e => e.Estimate));
    }

    [Fact]
    public void OneTrajectory_HasNoSigmaAndNoIntervals()
    {
        var design = MorrisDesign.Create([new("a", 0, 1), new("b", 0, 1)], 1, 4, 0);
        var estimates = design.Estimate(Evaluate(design, x => x[0] + x[1]), 100, 0);
        Assert.True(double.IsNaN(Find(estimates, "a", "sigma").Estimate));
        Assert.All(estimates, e => Assert.True(double.IsNaN(e.Ci95Low) && double.IsNaN(e.Ci95High)));
        Assert.Equal(1.0, Find(estimates, "b", "mu_star").Estimate, 1e-12);
    }

    [Fact]
    public void BadArguments_AreRefusedWithAClearMessage()
    {
        UncertainParameter[] inputs = [new("a", 0, 1)];
        Assert.Contains("even", Assert.Throws<ArgumentOutOfRangeException>(() => MorrisDesign.Create(inputs, 10, 5, 0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MorrisDesign.Create(inputs, 0, 4, 0));
        Assert.Throws<ArgumentException>(() => MorrisDesign.Create([], 10, 4, 0));
        var design = MorrisDesign.Create(inputs, 10, 4, 0);
        Assert.Contains("expected 20 outputs", Assert.Throws<ArgumentException>(() => design.Estimate(new double[19], 0, 0)).Message);
    }
}
