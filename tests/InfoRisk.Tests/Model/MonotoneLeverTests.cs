using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Monotone levers (model.md section 6): with the same seed, use-first collects at least as much as protection-first;
/// a higher security level never raises the breach count in expectation.
/// </summary>
public class MonotoneLeverTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void UseFirst_CollectsAndIntrudesAtLeastAsMuchAsProtectionFirst_WithTheSameSeed(ulong seed)
    {
        var use = PlainRun.Run(Spec("use-first", 2_000, 600, seed: seed));
        var protect = PlainRun.Run(Spec("protection-first", 2_000, 600, seed: seed));
        foreach (var m in new[] { Metric.RecordsCollected, Metric.SensitiveRecordsCollected, Metric.PrivacyIntrusions })
        {
            Assert.True(Sum(use, m) >= Sum(protect, m), $"seed {seed}: use-first {Name(m)} {Sum(use, m)} < protection-first {Sum(protect, m)}");
        }
        Assert.True(Sum(use, Metric.RecordsCollected) > Sum(protect, Metric.RecordsCollected), $"seed {seed}: use-first collected no more than protection-first");
        Assert.True(use[^1].Values[Metric.RecordsHeld] >= protect[^1].Values[Metric.RecordsHeld], $"seed {seed}: use-first holds fewer records at the end");
    }

    [Fact]
    public void DailyBreachHazard_FallsStrictlyWithSecurity_AndIsCalibratedToPonemon()
    {
        var p = new ModelParameters();
        var previous = double.MaxValue;
        for (var k = 0; k <= 100; k++)
        {
            var h = BreachHazard.Daily(p, k / 100.0);
            Assert.True(h > 0 && h < previous, $"hazard at security {k / 100.0} = {h} not below {previous}");
            previous = h;
        }
        // at security 0.5 the chance of at least one breach in 730 days is Ponemon's 27.9%
        var h05 = BreachHazard.Daily(p, 0.5);
        Assert.Equal(0.279, 1 - Math.Pow(1 - h05, 730), 9);
    }

    /// <summary>
    /// Empirical: a provider planned at fixed security 0.2 and at 0.8 over 200 seeds x 365 ticks (73,000 provider-days each).
    /// Expected breaches are 73,000 x hazard: about 80 at 0.2 and 13 at 0.8. Tolerance: the 0.8 count must be below the 0.2 count,
    /// and each count within 4 standard errors (Poisson approximation, sqrt of the expectation) of its expectation.
    /// </summary>
    [Fact]
    public void ProviderPlan_BreachesLessOftenAtHigherSecurity()
    {
        const int seeds = 200, ticks = 365;
        var counts = new Dictionary<double, int>();
        foreach (var security in new[] { 0.2, 0.8 })
        {
            var n = 0;
            for (var seed = 1UL; seed <= seeds; seed++)
            {
                var spec = Spec("dynamic-balance", 10, 1, seed: seed, parameters: new ModelParameters { InitialSecurity = security });
                var provider = new ProviderModel(new ModelContext(spec), index: 0);
                Assert.Equal(security, provider.Security);
                for (var t = 0; t < ticks; t++) if (provider.Plan(t).BreachShare > 0) n++;
            }
            counts[security] = n;
            var expected = seeds * ticks * BreachHazard.Daily(new ModelParameters(), security);
            Assert.True(Math.Abs(n - expected) <= 4 * Math.Sqrt(expected),
                $"security {security}: {n} breaches, expected {expected:F1} +- 4 x {Math.Sqrt(expected):F1}");
        }
        Assert.True(counts[0.8] < counts[0.2], $"breaches at security 0.8 ({counts[0.8]}) not below those at 0.2 ({counts[0.2]})");
    }

    /// <summary>
    /// End to end, without adaptation (security stays where it starts): 3 providers and 20 deployers over 15 seeds x 365 days.
    /// The breaches metric summed over the seeds must be lower at security 0.8 than at 0.2 (expected 23 x 365 x 15 x hazard:
    /// about 139 vs 23; a Poisson difference of that size is more than 9 standard errors).
    /// </summary>
    [Fact]
    public void WholeRuns_BreachLessAtHigherSecurity()
    {
        long Breaches(double security)
        {
            long n = 0;
            for (var seed = 1UL; seed <= 15; seed++)
            {
                var parameters = new ModelParameters { InitialSecurity = security, Adaptation = false };
                n += Sum(PlainRun.Run(Spec("dynamic-balance", 100, 30, seed: seed, parameters: parameters)), Metric.Breaches);
            }
            return n;
        }
        var low = Breaches(0.2);
        var high = Breaches(0.8);
        Assert.True(high < low, $"breaches at security 0.8 ({high}) not below those at 0.2 ({low})");
    }
}
