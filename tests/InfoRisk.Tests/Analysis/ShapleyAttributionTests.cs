using InfoRisk.Runner.Analysis;
using Xunit.Abstractions;

namespace InfoRisk.Tests.Analysis;

/// <summary>Shapley values on functions whose answer is known by hand: additive parts go to their lever, interactions split equally.</summary>
public class ShapleyAttributionTests(ITestOutputHelper output)
{
    private const int Replicates = 12;

    /// <summary>
    /// f_r(S) = base_r + sum_(i in S) a_i,r + b_r [0 in S and 1 in S]: lever i's Shapley value is a_i,r, plus b_r / 2
    /// for levers 0 and 1 (the pairwise interaction splits equally). Per-replicate coefficients vary (seeded noise),
    /// as replicates of a simulation do.
    /// </summary>
    private static double[] Additive(LeverCoalition s, double[][] a, double[] b, double[] baseline) =>
        [.. Enumerable.Range(0, Replicates).Select(r =>
            baseline[r] + Enumerable.Range(0, a.Length).Where(s.Contains).Sum(i => a[i][r]) + (s.Contains(0) && s.Contains(1) ? b[r] : 0))];

    private static (double[][] A, double[] B, double[] Baseline) Coefficients(int k, ulong seed)
    {
        var draws = new TestDraws(seed);
        var a = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, Replicates).Select(r => (10.0 * (i + 1)) - 25 + draws.Normal((i * Replicates) + r)).ToArray()).ToArray();
        var b = Enumerable.Range(0, Replicates).Select(r => 30 + (3 * draws.Normal(1000 + r))).ToArray();
        var baseline = Enumerable.Range(0, Replicates).Select(r => 1e6 + (1e4 * draws.Normal(2000 + r))).ToArray();
        return (a, b, baseline);
    }

    /// <summary>Exact enumeration (k = 5): every per-replicate value within 1e-8 of the hand value, and the sums equal the total exactly (==).</summary>
    [Fact]
    public void Exact_AdditivePlusPairwiseInteraction_MatchesTheHandValues()
    {
        string[] levers = ["anonymisation", "output_filter", "punitive", "consent", "audit"];
        var (a, b, baseline) = Coefficients(levers.Length, 17);
        var plan = ShapleyPlan.Exact(levers);
        Assert.Equal(32, plan.Coalitions.Count);
        var result = plan.Evaluate(s => Additive(s, a, b, baseline));
        Assert.True(result.Exact);
        for (var i = 0; i < levers.Length; i++)
        {
            for (var r = 0; r < Replicates; r++)
            {
                var expected = a[i][r] + (i < 2 ? b[r] / 2 : 0);
                Assert.Equal(expected, result.Values[i].PerReplicate[r], 8);
            }
            var interval = MeanInterval.Of(result.Values[i].PerReplicate);
            Assert.Equal(interval.Ci95Low, result.Values[i].Ci95Low, 9);
            Assert.Equal(0, result.Values[i].PermutationSe);
        }
        for (var r = 0; r < Replicates; r++)
        {
            var sum = 0.0;
            foreach (var v in result.Values) sum += v.PerReplicate[r];
            Assert.Equal(result.TotalPerReplicate[r], sum);
        }
        var meanSum = 0.0;
        foreach (var v in result.Values) meanSum += v.Mean;
        Assert.Equal(result.Total.Mean, meanSum);
        output.WriteLine($"largest efficiency correction {result.MaxEfficiencyCorrection:E2}");
        Assert.True(result.MaxEfficiencyCorrection < 1e-8);
    }

    /// <summary>
    /// A three-way interaction c [2, 3, 4 all switched] splits c/3 to each of the three; one lever with no effect gets 0.
    /// k = 12 levers: exact (4,096 coalitions) against permutation sampling with 400 orders. Each sampled value lies within
    /// 4 of its stated permutation standard errors of the exact one (and within 1e-9 when the lever interacts with
    /// nothing, whose marginal contribution is the same in every order); the sampled values also add up to the total
    /// exactly.
    /// </summary>
    [Fact]
    public void Sampled_IsWithinItsStatedErrorOfTheExactValues()
    {
        var levers = Enumerable.Range(0, 12).Select(i => $"lever_{i}").ToArray();
        double F(LeverCoalition s, int r) =>
            Enumerable.Range(0, 11).Where(s.Contains).Sum(i => i + 1.0 + (0.1 * r)) + (s.Contains(0) && s.Contains(1) ? 20 : 0) + (s.Contains(2) && s.Contains(3) && s.Contains(4) ? 30 : 0);
        IReadOnlyList<double> Evaluate(LeverCoalition s) => [.. Enumerable.Range(0, 3).Select(r => F(s, r))];

        var exact = ShapleyPlan.Exact(levers).Evaluate(Evaluate);
        double[] hand = [.. Enumerable.Range(0, 12).Select(i => i == 11 ? 0 : i + 1.1 + (i < 2 ? 10 : 0) + (i is >= 2 and <= 4 ? 10 : 0))];
        for (var i = 0; i < 12; i++) Assert.Equal(hand[i], exact.Values[i].Mean, 9);

        var plan = ShapleyPlan.Sampled(levers, 400, 2026);
        Assert.True(plan.Coalitions.Count <= (400 * 11) + 2);
        var sampled = plan.Evaluate(Evaluate);
        Assert.False(sampled.Exact);
        for (var i = 0; i < 12; i++)
        {
            var v = sampled.Values[i];
            output.WriteLine($"{v.Lever}: sampled {v.Mean:F3} exact {hand[i]:F3} se {v.PermutationSe:F3}");
            if (i <= 4) Assert.True(v.PermutationSe > 0);
            Assert.InRange(v.Mean, hand[i] - (4 * v.PermutationSe) - 1e-9, hand[i] + (4 * v.PermutationSe) + 1e-9);
        }
        for (var r = 0; r < 3; r++)
        {
            var sum = 0.0;
            foreach (var v in sampled.Values) sum += v.PerReplicate[r];
            Assert.Equal(sampled.TotalPerReplicate[r], sum);
        }
    }

    /// <summary>
    /// The stated permutation error is honest: over 200 seeds with 40 orders each, the interacting levers' estimates
    /// (0 .. 4) lie within 1.96 standard errors of the truth in 90% to 99% of cases (nominal 95%; 1,000 estimates, so
    /// the binomial standard error of the share is 0.7 points).
    /// </summary>
    [Fact]
    public void PermutationStandardError_HasAboutNominalCoverage()
    {
        var levers = Enumerable.Range(0, 8).Select(i => $"l{i}").ToArray();
        static double F(LeverCoalition s) =>
            Enumerable.Range(0, 8).Where(s.Contains).Sum(i => (double)i) + (s.Contains(0) && s.Contains(1) ? 20 : 0) + (s.Contains(2) && s.Contains(3) && s.Contains(4) ? 30 : 0);
        double[] truth = [0 + 10, 1 + 10, 2 + 10, 3 + 10, 4 + 10];
        var covered = 0;
        var total = 0;
        for (ulong seed = 0; seed < 200; seed++)
        {
            var result = ShapleyPlan.Sampled(levers, 40, seed).Evaluate(s => [F(s)]);
            for (var i = 0; i < 5; i++)
            {
                total++;
                if (Math.Abs(result.Values[i].Mean - truth[i]) <= 1.96 * result.Values[i].PermutationSe) covered++;
            }
        }
        var share = covered / (double)total;
        output.WriteLine($"coverage {share:P1} of {total}");
        Assert.InRange(share, 0.90, 0.99);
    }

    /// <summary>The plans: exact lists every mask once in mask order; sampled starts with none and all, lists each coalition once, and depends only on the seed.</summary>
    [Fact]
    public void Plans_ListEachCoalitionOnce()
    {
        string[] levers = ["a", "b", "c"];
        var exact = ShapleyPlan.Exact(levers);
        Assert.Equal(Enumerable.Range(0, 8).Select(m => (ulong)m), exact.Coalitions.Select(c => c.Mask));
        Assert.Equal(["a", "c"], exact.Coalitions[5].Switched);

        var sampled = ShapleyPlan.Sampled(levers, 10, 1);
        Assert.Equal(0UL, sampled.Coalitions[0].Mask);
        Assert.Equal(7UL, sampled.Coalitions[1].Mask);
        Assert.Equal(sampled.Coalitions.Count, sampled.Coalitions.Select(c => c.Mask).Distinct().Count());
        Assert.Equal(sampled.Orders, ShapleyPlan.Sampled(levers, 10, 1).Orders);
        Assert.NotEqual(sampled.Orders, ShapleyPlan.Sampled(levers, 10, 2).Orders);
        Assert.All(sampled.Orders, o => Assert.Equal([0, 1, 2], o.Order()));
        Assert.True(ShapleyPlan.For(levers, 10, 1).IsExact);
        Assert.False(ShapleyPlan.For([.. Enumerable.Range(0, 11).Select(i => $"l{i}")], 10, 1).IsExact);
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => ShapleyPlan.Exact(["a", "a"]));
        Assert.Throws<ArgumentException>(() => ShapleyPlan.Exact([.. Enumerable.Range(0, 21).Select(i => $"l{i}")]));
        var plan = ShapleyPlan.Exact(["a", "b"]);
        Assert.Contains("expected 4", Assert.Throws<ArgumentException>(() => plan.Compute([[1.0], [2.0]])).Message);
        Assert.Throws<ArgumentException>(() => plan.Compute([[1.0], [2.0], [3.0], [4.0, 5.0]]));
    }
}
