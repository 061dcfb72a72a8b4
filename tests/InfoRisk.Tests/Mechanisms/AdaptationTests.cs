using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Adaptation (docs/model.md §3.26, Mechanisms/Adaptation.cs): at the end of each epoch firms choose the de-identification
/// practice (never below the regime's minimum) and the security (one step at most) that minimise upkeep plus the
/// expected cost of breaches, with the liability the regime's own rules imply.
/// </summary>
public class AdaptationTests
{
    private static ModelContext Context(Regime regime, ModelParameters? p = null) => new(MechanismHarness.Spec(regime, p));

    [Fact]
    public void DecisionTicks_AreTheLastTickOfEachEpoch_WhenAdaptationIsOn()
    {
        var p = new ModelParameters();
        Assert.Equal([29, 59, 89], Enumerable.Range(0, 100).Where(t => Adaptation.IsDecisionTick(p, t)).ToArray());
        Assert.DoesNotContain(Enumerable.Range(0, 100), t => Adaptation.IsDecisionTick(p with { Adaptation = false }, t));
        Assert.Equal(10, Enumerable.Range(0, 100).Count(t => Adaptation.IsDecisionTick(p with { EpochTicks = 10 }, t)));
    }

    [Fact]
    public void ReidentificationFactor_IsOneLinkageTimesPointNineOrOneOverK()
    {
        var dynamic = RegimeCatalog.Get("dynamic-balance");
        Assert.Equal(1.0, Adaptation.ReidentificationFactor(Context(dynamic), Deidentification.None));
        Assert.Equal(0.8 * 0.9, Adaptation.ReidentificationFactor(Context(dynamic), Deidentification.Pseudonymise), 12);
        Assert.Equal(0.05 * 0.9, Adaptation.ReidentificationFactor(Context(dynamic with { SeparateIdentifierStorage = true }), Deidentification.Pseudonymise), 12);
        Assert.Equal(0.2, Adaptation.ReidentificationFactor(Context(dynamic), Deidentification.Anonymise), 12);
        Assert.Equal(0.1, Adaptation.ReidentificationFactor(Context(dynamic with { KAnonymity = 10 }), Deidentification.Anonymise), 12);
    }

    /// <summary>
    /// Deterrence: a deployer in a sensitive sector (1 million records, security step 1 so that the choice is unconstrained)
    /// facing weakly higher expected liability per exposed record chooses weakly more security. Liability is raised by the
    /// fraud loss (median 0, no suit, up to 300,000 yuan). The comparison assumes what makes it a theorem: each step adds to
    /// the daily expected cost a term h(s) × ΔEL(s) that is non-negative and non-increasing in s (checked on the grid).
    /// The last choice must also be strictly above the first, so the check has power.
    /// </summary>
    [Fact]
    public void HigherExpectedLiability_GivesWeaklyMoreSecurity()
    {
        var regime = RegimeCatalog.Get("dynamic-balance");
        double[] medians = [1e-6, 3_000, 30_000, 300_000];
        var contexts = medians.Select(m => Context(regime, new ModelParameters { FraudMedianYuan = m, MentalMedianYuan = 1e-6, SecurityStep = 1 })).ToArray();
        const double records = 5; // records per customer in a sensitive sector: 3 general + 2 sensitive
        double El(ModelContext ctx, double s) => ExpectedLiability.PerExposedRecordYuan(ctx, s, true, records);
        var chosen = contexts.Select(ctx => Adaptation.Deployer(ctx, 0.5, 1_000_000, sensitiveSector: true)).ToArray();
        for (var k = 1; k < contexts.Length; k++)
        {
            var previous = double.MaxValue;
            for (var g = 0; g <= 20; g++)
            {
                var s = g / 20.0;
                var added = Breaches.Daily(contexts[k].P, s) * (El(contexts[k], s) - El(contexts[k - 1], s));
                Assert.True(added >= 0 && added <= previous + 1e-12, $"fraud median {medians[k]}: the added expected liability at security {s} is {added}, not non-negative and non-increasing");
                previous = added;
            }
            Assert.True(chosen[k] >= chosen[k - 1], $"fraud median {medians[k]}: security {chosen[k]} below {chosen[k - 1]} at median {medians[k - 1]}");
        }
        Assert.Equal(0.0, El(contexts[0], 0.5));
        Assert.True(chosen[^1] > chosen[0], $"security {chosen[^1]} at the highest liability not above {chosen[0]} with none");
    }

    /// <summary>Security moves at most security_step (0.1) per epoch, and the practice chosen is never below the regime's minimum.</summary>
    [Theory]
    [InlineData("use-first")]
    [InlineData("dynamic-balance")]
    [InlineData("precautionary")]
    public void Choices_MoveOneStepAtMost_AndRespectTheMinimumPractice(string name)
    {
        var regime = RegimeCatalog.Get(name);
        foreach (var start in new[] { 0.0, 0.5, 1.0 })
        {
            var ctx = Context(regime);
            var (practice, security) = Adaptation.Provider(ctx, start, regime.Deidentification, 1_000_000, 100_000, 200_000);
            Assert.True(practice >= regime.Deidentification, $"{name}: practice {practice} below the minimum {regime.Deidentification}");
            Assert.InRange(security, Math.Max(0, start - 0.1) - 1e-9, Math.Min(1, start + 0.1) + 1e-9);
            Assert.InRange(Adaptation.Deployer(ctx, start, 500_000, sensitiveSector: true), Math.Max(0, start - 0.1) - 1e-9, Math.Min(1, start + 0.1) + 1e-9);
        }
    }
}
