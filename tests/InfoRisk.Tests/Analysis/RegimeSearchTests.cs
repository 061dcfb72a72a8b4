using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>NSGA-II on ZDT1 and on a mixed toy problem with known fronts; determinism and resume; hypervolume and the epsilon gap.</summary>
public class RegimeSearchTests(ITestOutputHelper output)
{
    private static readonly SearchObjective[] MinMin = [new("f1", false), new("f2", false)];

    /// <summary>ZDT1 (Zitzler, Deb and Thiele 2000) with n variables on [0, 1]: f1 = x1, g = 1 + 9 sum(x2..xn)/(n - 1), f2 = g (1 - sqrt(f1 / g)).</summary>
    private static double[] Zdt1(IReadOnlyList<double> x)
    {
        var g = 1 + (9 * x.Skip(1).Sum() / (x.Count - 1));
        return [x[0], g * (1 - Math.Sqrt(x[0] / g))];
    }

    private static IReadOnlyList<SearchEvaluation> Evaluate(IReadOnlyList<SearchCandidate> batch, Func<IReadOnlyList<double>, double[]> f) =>
        [.. batch.Select(c => new SearchEvaluation(c.Id, f(c.Genes)))];

    private static SearchVariable[] Zdt1Variables(int n) => [.. Enumerable.Range(0, n).Select(i => SearchVariable.Continuous($"x{i + 1}", 0, 1))];

    /// <summary>
    /// ZDT1 with all 30 variables, population 100, budget 25,000 evaluations (250 generations), seed 1: the hypervolume
    /// of the front found (reference point (1, 1)) is within 2% of the true front's, 2/3 (the integral of sqrt(f1)).
    /// </summary>
    [Fact]
    public void Zdt1_ReachesTheKnownFront()
    {
        var search = RegimeSearch.Start(Zdt1Variables(30), MinMin, new SearchOptions(100, 25_000, 1)).Run(b => Evaluate(b, Zdt1));
        Assert.True(search.Finished);
        Assert.Equal(25_000, search.Evaluations);
        var front = search.Front.Select(p => p.Means).ToList();
        var hv = ParetoFront.Hypervolume(front, [1.0, 1.0]);
        output.WriteLine($"front {front.Count} points, hypervolume {hv:F5} of {2.0 / 3:F5} (ratio {hv / (2.0 / 3):F4})");
        Assert.InRange(hv / (2.0 / 3), 0.98, 1.0);
        // the points lie on or just above the true front f2 = 1 - sqrt(f1)
        Assert.All(front, p => Assert.InRange(p[1] - (1 - Math.Sqrt(p[0])), -1e-12, 0.05));
    }

    /// <summary>The same seed gives the same search point by point; another seed gives another.</summary>
    [Fact]
    public void SameSeed_GivesTheSameSearch()
    {
        RegimeSearch Go(ulong seed) => RegimeSearch.Start(Zdt1Variables(10), MinMin, new SearchOptions(20, 600, seed)).Run(b => Evaluate(b, Zdt1));
        var one = Go(42);
        var two = Go(42);
        Assert.Equal(one.Archive.Select(p => p.Genes.ToArray()), two.Archive.Select(p => p.Genes.ToArray()));
        Assert.Equal(one.Front.Select(p => p.Id), two.Front.Select(p => p.Id));
        Assert.NotEqual(one.Archive.Select(p => p.Genes.ToArray()), Go(43).Archive.Select(p => p.Genes.ToArray()));
    }

    /// <summary>
    /// A search saved to JSON after any batch (also between Ask and Tell) and restored continues exactly as an
    /// uninterrupted one: the same archive, bit for bit.
    /// </summary>
    [Fact]
    public void ResumedFromJson_ContinuesExactly()
    {
        var options = new SearchOptions(16, 400, 9);
        var reference = RegimeSearch.Start(Zdt1Variables(6), MinMin, options).Run(b => Evaluate(b, Zdt1));

        var search = RegimeSearch.Start(Zdt1Variables(6), MinMin, options);
        var saves = 0;
        while (!search.Finished)
        {
            var batch = search.Ask();
            // save with a batch pending, restore, and ask again: the same batch comes back
            search = RegimeSearch.FromJson(search.ToJson());
            Assert.Equal(batch.Select(c => c.Genes.ToArray()), search.Ask().Select(c => c.Genes.ToArray()));
            search.Tell(Evaluate(batch, Zdt1));
            search = RegimeSearch.FromJson(search.ToJson());
            saves++;
        }
        Assert.Equal(400 / 16, saves);
        Assert.Equal(reference.Archive.Select(p => (p.Id, p.Generation, p.Genes.ToArray(), p.Means.ToArray())), search.Archive.Select(p => (p.Id, p.Generation, p.Genes.ToArray(), p.Means.ToArray())));
        Assert.Equal(reference.Population.Select(p => p.Id), search.Population.Select(p => p.Id));
    }

    /// <summary>
    /// A mixed problem with a known front: x continuous on [0, 1], region categorical {a, b, c}, level whole in 0..4, strict
    /// boolean. Cost (minimised) = x + 0.3 [region != a] + 0.1 level + 0.2 [strict]; value (maximised) =
    /// 1 - (1 - x)^2 - 0.2 [region = c] - 0.1 level - 0.2 [strict]. Every point with region b or c, level above 0 or strict
    /// is dominated by the same x with region a, level 0, not strict, so the front is value = 1 - (1 - cost)^2 with
    /// hypervolume 2/3 against the reference (cost 1, value 0). Population 40, budget 3,000, seed 3: every front point has
    /// region a, level 0, not strict, and the hypervolume is within 2% of 2/3.
    /// </summary>
    [Fact]
    public void MixedVariables_ToyProblem_IsSolved()
    {
        SearchVariable[] variables =
        [
            SearchVariable.Continuous("x", 0, 1),
            SearchVariable.Categorical("region", ["a", "b", "c"]),
            SearchVariable.WholeNumber("level", 0, 4),
            SearchVariable.Boolean("strict"),
        ];
        SearchObjective[] objectives = [new("cost", false), new("value", true)];
        static double[] F(IReadOnlyList<double> g)
        {
            var (x, region, level, strict) = (g[0], (int)g[1], g[2], g[3]);
            var cost = x + (region != 0 ? 0.3 : 0) + (0.1 * level) + (0.2 * strict);
            var value = 1 - ((1 - x) * (1 - x)) - (region == 2 ? 0.2 : 0) - (0.1 * level) - (0.2 * strict);
            return [cost, value];
        }
        var search = RegimeSearch.Start(variables, objectives, new SearchOptions(40, 3000, 3)).Run(b => Evaluate(b, F));
        var front = search.Front;
        Assert.All(front, p => Assert.Equal(["a", "0", "false"], search.Describe(p.Genes).Skip(1)));
        Assert.All(search.Archive, p => Assert.Equal(p.Genes[2], Math.Round(p.Genes[2])));
        var hv = ParetoFront.Hypervolume([.. front.Select(p => p.Means)], [1.0, 0.0], [false, true]);
        output.WriteLine($"front {front.Count} points, hypervolume {hv:F5} (ratio {hv / (2.0 / 3):F4})");
        Assert.InRange(hv / (2.0 / 3), 0.98, 1.0);
    }

    /// <summary>Hypervolume by hand: 2-D staircase (area 6), a 3-D point (volume 6), two overlapping 3-D boxes (4 + 2 - 1 = 5).</summary>
    [Fact]
    public void Hypervolume_HandComputed()
    {
        Assert.Equal(6, ParetoFront.Hypervolume([[1.0, 3.0], [2.0, 2.0], [3.0, 1.0]], [4.0, 4.0]), 12);
        Assert.Equal(6, ParetoFront.Hypervolume([[3.0, 1.0], [2.0, 2.0], [1.0, 3.0], [2.5, 2.5]], [4.0, 4.0]), 12);
        Assert.Equal(6, ParetoFront.Hypervolume([[0.0, 0.0, 0.0]], [1.0, 2.0, 3.0]), 12);
        Assert.Equal(5, ParetoFront.Hypervolume([[0.0, 0.0, 1.0], [1.0, 1.0, 0.0]], [2.0, 2.0, 2.0]), 12);
        // maximised objectives: (value 3, value 1) against reference (0, 0) is a 3 x 1 box
        Assert.Equal(3, ParetoFront.Hypervolume([[3.0, 1.0]], [0.0, 0.0], [true, true]), 12);
        Assert.Equal(0, ParetoFront.Hypervolume([[5.0, 5.0]], [4.0, 4.0]));
    }

    /// <summary>The 3-D slicing hypervolume equals inclusion-exclusion over all subsets of 6 random points (1e-12).</summary>
    [Fact]
    public void Hypervolume_3D_EqualsInclusionExclusion()
    {
        var draws = new TestDraws(5);
        var points = Enumerable.Range(0, 6).Select(i => new[] { draws.Uniform(3 * i), draws.Uniform((3 * i) + 1), draws.Uniform((3 * i) + 2) }).ToList();
        double[] reference = [1.0, 1.0, 1.0];
        double union = 0;
        for (var mask = 1; mask < 1 << points.Count; mask++)
        {
            var members = points.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var volume = Enumerable.Range(0, 3).Aggregate(1.0, (v, j) => v * (reference[j] - members.Max(p => p[j])));
            union += (System.Numerics.BitOperations.PopCount((uint)mask) % 2 == 1 ? 1 : -1) * volume;
        }
        Assert.Equal(union, ParetoFront.Hypervolume([.. points.Select(p => (IReadOnlyList<double>)p)], reference), 12);
    }

    /// <summary>
    /// Non-dominated sorting and crowding on a hand example, and the epsilon gap: with the front {(0, 1), (1, 0)} (both
    /// minimised), (2, 2) is 1 behind it, (1, 1) is 0 (weakly dominated), (0.2, 0.2) is 0.8 beyond it.
    /// </summary>
    [Fact]
    public void RanksCrowdingAndGap_HandComputed()
    {
        IReadOnlyList<double>[] points = [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5], [1.0, 1.0], [2.0, 2.0], [0.5, 0.5]];
        Assert.Equal([0, 0, 0, 1, 2, 0], ParetoFront.Ranks(points));
        Assert.Equal([0, 1, 2, 5], ParetoFront.NonDominated(points));
        Assert.Equal([0, 1, 2, 5], ParetoFront.NonDominated([.. points.Select(p => (IReadOnlyList<double>)[p[0], p[1], 0.0])]));
        var crowding = ParetoFront.Crowding(points, [0, 1, 2]);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity, 2.0], crowding);

        IReadOnlyList<double>[] front = [[0.0, 1.0], [1.0, 0.0]];
        Assert.Equal(1.0, ParetoFront.EpsilonGap([2.0, 2.0], front), 12);
        Assert.Equal(0.0, ParetoFront.EpsilonGap([1.0, 1.0], front), 12);
        Assert.Equal(-0.8, ParetoFront.EpsilonGap([0.2, 0.2], front), 12);
        // a maximised second objective and scales: front (harm 0, value 10), point (harm 4, value 6) with scales (2, 1): min(4/2, 4/1) = 2
        Assert.Equal(2.0, ParetoFront.EpsilonGap([4.0, 6.0], [[0.0, 10.0]], [false, true], [2.0, 1.0]), 12);
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => RegimeSearch.Start(Zdt1Variables(2), MinMin, new SearchOptions(5, 100, 0)));
        Assert.Throws<ArgumentException>(() => RegimeSearch.Start(Zdt1Variables(2), MinMin, new SearchOptions(10, 5, 0)));
        Assert.Throws<ArgumentException>(() => RegimeSearch.Start(Zdt1Variables(2), [new SearchObjective("f", false)], new SearchOptions(10, 100, 0)));
        var search = RegimeSearch.Start(Zdt1Variables(2), MinMin, new SearchOptions(4, 8, 0));
        Assert.Throws<InvalidOperationException>(() => search.Tell([]));
        var batch = search.Ask();
        Assert.Throws<ArgumentException>(() => search.Tell([.. batch.Select(c => new SearchEvaluation(c.Id, [double.NaN, 1.0]))]));
    }
}
