using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>PRIM on synthetic data with a planted box, its quasi-p-values and bootstrap stability, and categorical inputs.</summary>
public class ScenarioDiscoveryTests(ITestOutputHelper output)
{
    private static readonly DiscoveryInput[] FiveInputs = [.. Enumerable.Range(1, 5).Select(i => new DiscoveryInput($"x{i}", 0, 1))];

    /// <summary>
    /// 1,000 points uniform on [0, 1]^5; the outcome of interest is "inside x1 in [0.2, 0.7] and x2 in [0.4, 0.9]"
    /// (mass 0.25), with every label flipped with probability 0.05 (noise). Returns points and labels.
    /// </summary>
    private static (double[][] X, bool[] Y) PlantedBox(ulong seed, int n = 1000)
    {
        var draws = new TestDraws(seed);
        var x = new double[n][];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = [.. Enumerable.Range(0, 5).Select(d => draws.Uniform((i * 6) + d))];
            var inside = x[i][0] is >= 0.2 and <= 0.7 && x[i][1] is >= 0.4 and <= 0.9;
            y[i] = draws.Uniform((i * 6) + 5) < 0.05 ? !inside : inside;
        }
        return (x, y);
    }

    /// <summary>
    /// The chosen box (highest coverage with density at least 0.8) has coverage and density of at least 0.8, restricts
    /// x1 and x2 only, its limits are within 0.08 of the planted ones (the chosen box trades a little density for
    /// coverage, so it is somewhat wider than the planted one), and both restrictions have quasi-p-values below
    /// 1e-6. Two seeds.
    /// </summary>
    [Theory]
    [InlineData(20261126UL)]
    [InlineData(7UL)]
    public void PlantedBox_IsFound(ulong seed)
    {
        var (x, y) = PlantedBox(seed);
        var result = ScenarioDiscovery.Prim(FiveInputs, x, y);
        var chosen = result.Trajectory[result.Chosen];
        var limits = result.Limits(result.Chosen);
        output.WriteLine($"steps {result.Trajectory.Count}, chosen {result.Chosen}: coverage {chosen.Coverage:F3}, density {chosen.Density:F3}, mass {chosen.Mass:F3}");
        foreach (var l in limits) output.WriteLine($"{l.Dimension}: [{l.Low:F3}, {l.High:F3}] restricted {l.Restricted} quasi-p {l.QuasiP:E2}");

        Assert.True(chosen.Coverage >= 0.8, $"coverage {chosen.Coverage}");
        Assert.True(chosen.Density >= 0.8, $"density {chosen.Density}");
        Assert.Equal(["x1", "x2"], limits.Where(l => l.Restricted).Select(l => l.Dimension));
        Assert.Equal(2, chosen.RestrictedDimensions);
        Assert.InRange(limits[0].Low, 0.12, 0.28);
        Assert.InRange(limits[0].High, 0.62, 0.78);
        Assert.InRange(limits[1].Low, 0.32, 0.48);
        Assert.InRange(limits[1].High, 0.82, 0.98);
        Assert.All(limits.Take(2), l => Assert.True(l.QuasiP < 1e-6, $"{l.Dimension}: {l.QuasiP}"));
        Assert.All(limits.Skip(2), l => Assert.True(double.IsNaN(l.QuasiP)));
    }

    /// <summary>
    /// The trajectory starts at the full box (coverage 1, mass 1, density = share of cases of interest), peeling never
    /// lowers the density, mass never rises while peeling and never falls below the minimum, and each peel removes about
    /// alpha = 5% of the box (between 1 point and 10%).
    /// </summary>
    [Fact]
    public void Trajectory_FollowsThePeelingRules()
    {
        var (x, y) = PlantedBox(3);
        var result = ScenarioDiscovery.Prim(FiveInputs, x, y, new PrimOptions(MinMass: 0.1));
        var steps = result.Trajectory;
        Assert.Equal(1.0, steps[0].Coverage);
        Assert.Equal(1.0, steps[0].Mass);
        Assert.Equal(y.Count(v => v) / 1000.0, steps[0].Density, 12);
        var peels = steps.Where(s => !s.Pasted).ToList();
        for (var i = 1; i < peels.Count; i++)
        {
            Assert.True(peels[i].Density > peels[i - 1].Density);
            Assert.True(peels[i].Mass >= 0.1);
            Assert.InRange(peels[i - 1].Count - peels[i].Count, 1, (int)Math.Ceiling(0.1 * peels[i - 1].Count));
        }
        var pastes = steps.Where(s => s.Pasted).ToList();
        Assert.All(pastes, p => Assert.True(p.Step > peels[^1].Step));
        for (var i = 0; i < pastes.Count; i++) Assert.True(pastes[i].Density > (i == 0 ? peels[^1] : pastes[i - 1]).Density);
        // the box of every step holds exactly Count points
        Assert.All(steps, s => Assert.Equal(s.Count, result.InBox(s.Step).Count(b => b)));
    }

    /// <summary>
    /// Bootstrap stability (12 resamples of the 1,000 points): x1 and x2 are restricted in at least 90% of the resamples'
    /// chosen boxes, each irrelevant input in at most 20%.
    /// </summary>
    [Fact]
    public void Bootstrap_RestrictsTheRelevantDimensionsAlmostAlways()
    {
        var (x, y) = PlantedBox(11);
        var result = ScenarioDiscovery.Prim(FiveInputs, x, y, new PrimOptions(Bootstrap: 12, Seed: 5));
        var limits = result.Limits(result.Chosen);
        foreach (var l in limits) output.WriteLine($"{l.Dimension}: bootstrap share {l.BootstrapShare:F2}");
        Assert.All(limits.Take(2), l => Assert.True(l.BootstrapShare >= 0.9, $"{l.Dimension}: {l.BootstrapShare}"));
        Assert.All(limits.Skip(2), l => Assert.True(l.BootstrapShare <= 0.2, $"{l.Dimension}: {l.BootstrapShare}"));
    }

    /// <summary>
    /// A categorical input: the outcome of interest is "region b and x1 below 0.5" (with 5% label noise). The chosen
    /// box allows region b only and restricts x1 from above near 0.5; x2 stays free.
    /// </summary>
    [Fact]
    public void CategoricalInput_IsPeeledByCategory()
    {
        DiscoveryInput[] inputs = [DiscoveryInput.Categorical("region", ["a", "b", "c"]), new("x1", 0, 1), new("x2", 0, 10)];
        var draws = new TestDraws(99);
        const int n = 900;
        var x = new double[n][];
        var y = new bool[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = [i % 3, draws.Uniform(4 * i), 10 * draws.Uniform((4 * i) + 1)];
            var inside = x[i][0] == 1 && x[i][1] < 0.5;
            y[i] = draws.Uniform((4 * i) + 2) < 0.05 ? !inside : inside;
        }
        var result = ScenarioDiscovery.Prim(inputs, x, y);
        var limits = result.Limits(result.Chosen);
        var chosen = result.Trajectory[result.Chosen];
        output.WriteLine($"coverage {chosen.Coverage:F3} density {chosen.Density:F3}; region {string.Join(",", limits[0].Categories!)}; x1 [{limits[1].Low:F3}, {limits[1].High:F3}]");
        Assert.Equal(["b"], limits[0].Categories);
        Assert.True(limits[1].Restricted);
        Assert.InRange(limits[1].High, 0.42, 0.58);
        Assert.False(limits[2].Restricted);
        Assert.True(chosen.Density >= 0.8 && chosen.Coverage >= 0.8);
    }

    /// <summary>
    /// A whole-category peel (a third of the box) that gains a little density by chance must not beat the 5% peels of the
    /// relevant numeric inputs. Outcome of interest: breach above 0.3, litigation cost below 6,000 and scraping not
    /// "consent". With the default objective (density gained per point removed) the chosen box has coverage and density
    /// of at least 0.8, keeps "free" and "objections_honoured" and restricts breach and litigation cost; with the original
    /// objective (density left) the second peel drops "free" and the coverage falls below 0.6 at once.
    /// </summary>
    [Fact]
    public void CoarseCategoricalPeel_DoesNotWinOnDensityAlone()
    {
        DiscoveryInput[] inputs =
        [
            new("breach", 0.1, 0.5), new("memorisation", 0.002, 0.05), new("litigation", 500, 10000),
            DiscoveryInput.Categorical("scraping", ["free", "objections_honoured", "consent"]),
        ];
        var draws = new TestDraws(4);
        var x = new double[600][];
        var y = new bool[600];
        for (var i = 0; i < 600; i++)
        {
            x[i] = [0.1 + (0.4 * draws.Uniform(4 * i)), 0.002 + (0.048 * draws.Uniform((4 * i) + 1)), 500 + (9500 * draws.Uniform((4 * i) + 2)), i % 3];
            y[i] = x[i][0] > 0.3 && x[i][2] < 6000 && x[i][3] != 2;
        }
        var lenient = ScenarioDiscovery.Prim(inputs, x, y);
        var chosen = lenient.Trajectory[lenient.Chosen];
        var limits = lenient.Limits(lenient.Chosen);
        output.WriteLine($"lenient1: coverage {chosen.Coverage:F3} density {chosen.Density:F3}");
        Assert.True(chosen.Coverage >= 0.8 && chosen.Density >= 0.8);
        Assert.Equal(["free", "objections_honoured"], limits[3].Categories);
        Assert.Equal(["breach", "litigation", "scraping"], limits.Where(l => l.Restricted).Select(l => l.Dimension));
        var original = ScenarioDiscovery.Prim(inputs, x, y, new PrimOptions(Objective: PeelObjective.Original));
        Assert.True(original.Trajectory[2].Coverage < 0.6);
    }

    /// <summary>The quasi-p-value's binomial upper tail equals the sum of MathNet's binomial probabilities (1e-12).</summary>
    [Theory]
    [InlineData(0, 10, 0.3)]
    [InlineData(3, 10, 0.3)]
    [InlineData(10, 10, 0.3)]
    [InlineData(40, 60, 0.45)]
    public void BinomialUpperTail_MatchesTheBinomialSum(int k, int n, double p)
    {
        var sum = Enumerable.Range(k, n - k + 1).Sum(j => MathNet.Numerics.Distributions.Binomial.PMF(p, n, j));
        Assert.Equal(sum, ScenarioDiscovery.BinomialUpperTail(k, n, p), 12);
    }

    /// <summary>A numeric outcome with a threshold gives the same trajectory as the boolean outcome it implies.</summary>
    [Fact]
    public void NumericOutcome_WithThreshold_EqualsTheBooleanOutcome()
    {
        var (x, _) = PlantedBox(4, 300);
        var outcome = x.Select(p => p[0] + p[1] - 1).ToArray();
        var numeric = ScenarioDiscovery.Prim(FiveInputs, x, outcome, 0, atLeast: false);
        var boolean = ScenarioDiscovery.Prim(FiveInputs, x, [.. outcome.Select(v => v <= 0)]);
        Assert.Equal(boolean.Trajectory, numeric.Trajectory);
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => ScenarioDiscovery.Prim(FiveInputs, [[0.1, 0.2]], [true]));
        Assert.Throws<ArgumentException>(() => ScenarioDiscovery.Prim(FiveInputs, [[0.1, 0.2, 0.3, 0.4, 2.0]], [true]));
        Assert.Throws<ArgumentException>(() => ScenarioDiscovery.Prim(FiveInputs, [[0.1, 0.2, 0.3, 0.4, 0.5]], [true], new PrimOptions(Alpha: 0.6)));
        Assert.Throws<ArgumentException>(() => ScenarioDiscovery.Prim([DiscoveryInput.Categorical("c", ["a", "b"])], [[1.5]], [true]));
    }
}
