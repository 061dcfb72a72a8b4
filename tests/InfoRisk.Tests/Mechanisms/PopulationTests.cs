using InfoRisk.Model.Population;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Population (docs/model.md §3.1, Mechanisms/Population.cs): quasi-identifiers with Zipf regions, the protected group,
/// concern and literacy as Beta quantiles, and public, sensitive and private-marked items.
/// </summary>
public class PopulationTests
{
    private const int N = 60_000;

    private static SubjectAttributes[] Draw(ModelParameters p, ulong seed, int n = N)
    {
        var traits = new SubjectTraits(p, new QuasiIdentifiers(p));
        return [.. Enumerable.Range(0, n).Select(s => traits.Draw(seed, s))];
    }

    private static void MeanWithinFourSe(IEnumerable<double> xs, double mean, double variance, string what)
    {
        var a = xs.ToArray();
        var se = Math.Sqrt(variance / a.Length);
        Assert.True(Math.Abs(a.Average() - mean) <= 4 * se, $"{what}: mean {a.Average():F4} over {a.Length}, expected {mean:F4} +- 4 x {se:F4}");
    }

    /// <summary>Areas are Zipf-distributed: with exponent 1 and R areas, P(area r) = (1/(r+1)) / H_R. Tolerance 4 binomial standard errors.</summary>
    [Fact]
    public void Areas_FollowTheZipfLaw()
    {
        var p = new ModelParameters { Areas = 50, Districts = 5, AreaZipfExponent = 1.0 };
        var qi = new QuasiIdentifiers(p);
        var traits = new SubjectTraits(p, qi);
        const int n = 100_000;
        var counts = new int[p.Areas];
        for (var s = 0; s < n; s++) counts[qi.Unpack(traits.Draw(5, s).QuasiIdentifierKey).Area]++;
        var harmonic = Enumerable.Range(1, p.Areas).Sum(r => 1.0 / r);
        foreach (var r in new[] { 0, 1, 4, 49 })
        {
            var expected = 1.0 / (r + 1) / harmonic;
            var se = Math.Sqrt(expected * (1 - expected) / n);
            var observed = counts[r] / (double)n;
            Assert.True(Math.Abs(observed - expected) <= 4 * se, $"area {r}: share {observed:F5}, expected {expected:F5} +- 4 x {se:F5}");
        }
    }

    /// <summary>
    /// General items = min(60, 1 + Poisson(μ − 1)) with μ = general_items_mean × (digital_divide if protected): mean μ and
    /// variance μ − 1 in each group (the cap at 60 is out of reach at these means). Sensitive items ~ Binomial(6, p): mean 6p,
    /// variance 6p(1 − p). Protected ~ Bernoulli(protected_share). Tolerance 4 standard errors each, 60,000 subjects.
    /// </summary>
    [Fact]
    public void Items_AndTheProtectedGroup_FollowTheirDistributions()
    {
        var p = new ModelParameters();
        var all = Draw(p, 17);
        var others = all.Where(a => !a.Protected).Select(a => (double)a.GeneralItems).ToArray();
        var prot = all.Where(a => a.Protected).Select(a => (double)a.GeneralItems).ToArray();
        MeanWithinFourSe(others, p.GeneralItemsMean, p.GeneralItemsMean - 1, "general items, others");
        var mu = p.GeneralItemsMean * p.DigitalDivide;
        MeanWithinFourSe(prot, mu, mu - 1, "general items, protected (digital divide)");
        Assert.All(all, a => Assert.InRange(a.GeneralItems, 1, 60));

        var q = p.SensitiveItemProbability;
        MeanWithinFourSe(all.Select(a => (double)a.SensitiveItems), 6 * q, 6 * q * (1 - q), "sensitive items");
        Assert.All(all, a => Assert.InRange(a.SensitiveItems, 0, 6));
        MechanismHarness.WithinFourSe(prot.Length, N, p.ProtectedShare, "protected subjects");
    }

    /// <summary>
    /// Private-marked items ~ Binomial(general, private_mark_base + private_mark_per_concern × θ): given each subject's
    /// items and concern, the total is Σ g m with variance Σ g m (1 − m). Tolerance 4 standard errors; and never more than
    /// the general items.
    /// </summary>
    [Fact]
    public void PrivateMarks_AreBinomialInTheItems_WithAShareRisingWithConcern()
    {
        var p = new ModelParameters();
        var traits = new SubjectTraits(p, new QuasiIdentifiers(p));
        var all = Draw(p, 23);
        double expected = 0, variance = 0;
        foreach (var a in all)
        {
            var m = p.PrivateMarkBase + p.PrivateMarkPerConcern * traits.ConcernLevels[a.Concern];
            expected += a.GeneralItems * m;
            variance += a.GeneralItems * m * (1 - m);
        }
        var observed = all.Sum(a => (double)a.PrivateMarkedItems);
        Assert.True(Math.Abs(observed - expected) <= 4 * Math.Sqrt(variance), $"private marks {observed}, expected {expected:F0} +- 4 x {Math.Sqrt(variance):F1}");
        Assert.All(all, a => Assert.True(a.PrivateMarkedItems <= a.GeneralItems, "more private-marked than general items"));
        // more concerned subjects mark a larger share of their items
        double Share(IEnumerable<SubjectAttributes> xs) => xs.Sum(a => (double)a.PrivateMarkedItems) / xs.Sum(a => (double)a.GeneralItems);
        Assert.True(Share(all.Where(a => a.Concern >= 192)) > Share(all.Where(a => a.Concern < 64)), "private marks do not rise with concern");
    }

    /// <summary>The limits of the item rules, exactly: a mean at or below 1 gives one item each, a huge mean the cap of 60; mark shares of 0 and 1.</summary>
    [Fact]
    public void ItemRules_AtTheirLimits_AreExact()
    {
        var few = Draw(new ModelParameters { GeneralItemsMean = 0.5, PrivateMarkBase = 1.0, PrivateMarkPerConcern = 0 }, 3, 2_000);
        Assert.All(few, a => Assert.Equal(1, a.GeneralItems));
        Assert.All(few, a => Assert.Equal(1, a.PrivateMarkedItems));
        var many = Draw(new ModelParameters { GeneralItemsMean = 500, PrivateMarkBase = 0, PrivateMarkPerConcern = 0, SensitiveItemProbability = 1 }, 3, 2_000);
        Assert.All(many, a => Assert.Equal(60, a.GeneralItems));
        Assert.All(many, a => Assert.Equal(0, a.PrivateMarkedItems));
        Assert.All(many, a => Assert.Equal(6, a.SensitiveItems));
        var none = Draw(new ModelParameters { ProtectedShare = 0, SensitiveItemProbability = 0 }, 3, 2_000);
        Assert.All(none, a => Assert.False(a.Protected));
        Assert.All(none, a => Assert.Equal(0, a.SensitiveItems));
    }

    /// <summary>
    /// Concern and literacy are the Beta quantiles at (b + 0.5)/256 of a uniform byte b: the Beta CDF of level b is
    /// (b + 0.5)/256 (to 1e-9), and over 60,000 subjects the mean concern is a/(a + b) = 0.5 and the mean literacy 0.4,
    /// within 4 standard errors of the Beta's standard deviation (the midpoint quantisation moves the mean by far less).
    /// </summary>
    [Fact]
    public void ConcernAndLiteracy_AreBetaQuantilesOfAUniformByte()
    {
        var p = new ModelParameters();
        var traits = new SubjectTraits(p, new QuasiIdentifiers(p));
        for (var b = 0; b < 256; b++)
        {
            Assert.Equal((b + 0.5) / 256, Beta.CDF(p.ConcernBetaA, p.ConcernBetaB, traits.ConcernLevels[b]), 9);
            Assert.Equal((b + 0.5) / 256, Beta.CDF(p.LiteracyBetaA, p.LiteracyBetaB, traits.LiteracyLevels[b]), 9);
        }
        var all = Draw(p, 29);
        static double Variance(double a, double b) => a * b / ((a + b) * (a + b) * (a + b + 1));
        MeanWithinFourSe(all.Select(a => traits.ConcernLevels[a.Concern]), 0.5, Variance(p.ConcernBetaA, p.ConcernBetaB), "concern");
        MeanWithinFourSe(all.Select(a => traits.LiteracyLevels[a.Literacy]), 0.4, Variance(p.LiteracyBetaA, p.LiteracyBetaB), "literacy");
    }
}
