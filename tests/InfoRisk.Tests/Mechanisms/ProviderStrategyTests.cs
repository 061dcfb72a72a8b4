using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// The provider's decision rule against the textbook results it must reproduce in reduced settings
/// (firms-and-deterrence.md §6): one provider, one harm channel (breaches), a known harm per incident H, the hazard
/// h(s) and care cost c(s) of the model, and the liability the rules imply computed from the rules themselves.
/// </summary>
public sealed class ProviderStrategyTests
{
    private const double Harm = 1000.0;
    private const long Subjects = 10_000, Records = 100_000;
    private static readonly double[] Intensities = [0.0, 0.25, 0.5, 0.75, 1.0];

    /// <summary>
    /// A reduced world: only breaches harm; every breach exposure identifies its subject and costs exactly H (fraud with
    /// probability 1, no spread, no mental harm); the victim always sues (no cost) and names the provider (joint
    /// liability); causation is proven with probability <paramref name="enforcement"/> (evidence halves in half a day
    /// and harm comes after one day, so it is exactly 0.25 when asked); damages are H, or H + multiplier × H with
    /// punitive damages that always apply (a due-care standard no care can meet).
    /// </summary>
    private static ModelContext Reduced(double enforcement, double punitiveMultiplier = 0, LiabilityRule rule = LiabilityRule.NoFault, double dueCare = 1.5, double scrapeRate = 0, double harm = Harm)
    {
        var regime = RegimeCatalog.Get("dynamic-balance") with
        {
            Deidentification = Deidentification.None,
            LiabilityGeneral = rule,
            LiabilitySensitive = rule,
            JointAndSeveral = true,
            PunitiveMultiplier = punitiveMultiplier,
            PunitiveThreshold = PunitiveThreshold.LightNegligence,
            PunitiveFloorYuan = 0,
            PunitiveCapYuan = 1_000_000_000,
            AuditsPerYear = 0,
            OutputFilter = 0,
            CourtDelayDays = 0,
            AccessRight = false,
        };
        var p = new ModelParameters
        {
            BreachProbability24Months = 0.279, // the reduced setting's own hazard, not the calibrated default
            FraudProbabilityGeneral = 1,
            FraudMedianYuan = harm,
            FraudSigma = 1e-9,
            MentalHarmProbability = 0,
            SensitiveItemProbability = 0,
            LitigationCostYuan = 0,
            CausationProofBase = 1,
            FaultProofBase = 1,
            HarmDelayMeanDays = 1e-9,
            EvidenceHalfLifeDays = enforcement >= 1 ? 1e12 : 1.0 / Math.Log2(1.0 / enforcement),
            DueCareStandard = dueCare,
            CourtStandardSd = 0,
            BreachResponseCostYuanPerRecord = 0,
            PseudonymisationCostYuanPerRecord = 1e6,
            AnonymisationCostYuanPerRecord = 1e6,
            HallucinationRate = 0,
            ExtractionRate = 0,
            MaliciousUserShare = 0,
            IntrusionHarmProbability = 0,
            SecondaryUseAppetite = 0,
            TrustDropPerBreach = 0,
            TrustDropPerIncidentPer10k = 0,
            ScrapeRatePerDay = scrapeRate,
            AdjustmentStep = 1,
        };
        return new ModelContext(new RunSpec { Regime = regime, Parameters = p, Population = new Population { Subjects = (int)Subjects, Users = 3000, Providers = 1, Deployers = 0 } });
    }

    private static ProviderState State(long users = 0, long scraped = Subjects, long trainable = 0, long held = Subjects, long records = Records) => new()
    {
        Users = users,
        MarketUsers = users,
        Trust = 1.0,
        HeldRecords = records,
        HeldSubjects = held,
        ScrapedSubjects = scraped,
        TrainableRecords = trainable,
        TrainingRecords = trainable,
        Holders = 1,
    };

    private static ProviderConduct Start(ModelContext ctx) => ConductBounds.LegalMinimum(ctx.Regime, ctx.P) with { Security = 0.5 };

    /// <summary>The care that minimises care cost plus expected harm, c(s) + h(s)·E[share]·S·H, on the firms' grid.</summary>
    private static double SocialOptimum(ModelParameters p)
    {
        var share = Breaches.ExpectedShare(p);
        return Enumerable.Range(0, 41).Select(k => k * ChoiceGrid.CareStep)
            .MinBy(s => Breaches.SecurityUpkeepYuanPerDay(s, Records, p.SecurityCostYuanPerRecordDay) + Breaches.Daily(p, s) * share * Subjects * Harm);
    }

    [Fact]
    public void TheReducedSettingsLiabilityIsTheHarmTimesEnforcementTimesDamages()
    {
        Assert.Equal(Harm, LiabilityTable.For(Reduced(1.0)).Expected(HarmSource.Breach, PartyKind.Provider, false, 0.5).Provider, 6);
        Assert.Equal(0.25 * Harm, LiabilityTable.For(Reduced(0.25)).Expected(HarmSource.Breach, PartyKind.Provider, false, 0.5).Provider, 6);
        Assert.Equal(0.25 * 4 * Harm, LiabilityTable.For(Reduced(0.25, 3)).Expected(HarmSource.Breach, PartyKind.Provider, false, 0.5).Provider, 6);
    }

    /// <summary>Polinsky and Shavell (1998): with certain enforcement and compensatory damages the firm takes the socially optimal care.</summary>
    [Fact]
    public void Care_UnderCertainEnforcement_IsTheSocialOptimum()
    {
        var ctx = Reduced(1.0);
        var optimum = SocialOptimum(ctx.P);
        Assert.InRange(optimum, 0.1, 0.9); // an interior optimum, so that the test can fail either way
        var (chosen, _) = new ProviderStrategy(ctx).Choose(State(), Start(ctx));
        Assert.InRange(chosen.Security, optimum - ChoiceGrid.CareStep - 1e-9, optimum + ChoiceGrid.CareStep + 1e-9);
    }

    /// <summary>With a quarter of harms ending in an award the firm takes too little care; damages of 1/0.25 = 4 times the harm restore it.</summary>
    [Fact]
    public void Care_UnderAnEnforcementGap_IsLower_AndDamagesOfHarmOverQRestoreIt()
    {
        var optimum = SocialOptimum(Reduced(1.0).P);
        var gap = Reduced(0.25);
        var (under, _) = new ProviderStrategy(gap).Choose(State(), Start(gap));
        Assert.True(under.Security < optimum - 1e-9, $"care {under.Security} with q = 0.25 is not below the optimum {optimum}");
        var punitive = Reduced(0.25, punitiveMultiplier: 3);
        var (restored, _) = new ProviderStrategy(punitive).Choose(State(), Start(punitive));
        Assert.InRange(restored.Security, optimum - ChoiceGrid.CareStep - 1e-9, optimum + ChoiceGrid.CareStep + 1e-9);
    }

    /// <summary>
    /// Shavell (1980): under negligence with due care at the optimum the firm takes due care and then pays nothing for
    /// the harm that remains, so it is more active than under strict liability; under strict liability its activity
    /// (here how hard it scrapes, which adds records to train on and subjects to expose) maximises benefit − care − harm.
    /// </summary>
    [Fact]
    public void Activity_UnderNegligence_ExceedsStrictLiability_WhichMaximisesBenefitLessCareAndHarm()
    {
        // a young provider (500 subjects held, 9,500 not yet scraped) whose scraping adds both training data and exposure
        const double rate = 0.01, harm = 20_000;
        var strict = Reduced(1.0, scrapeRate: rate, harm: harm);
        var state = State(users: 3000, scraped: 500, trainable: 5000, held: 500, records: 5000);
        var strategy = new ProviderStrategy(strict);
        var (chosen, _) = strategy.Choose(state, Start(strict));
        // benefit - care - harm, with the harm computed from the breach model, not from the liability
        var share = Breaches.ExpectedShare(strict.P);
        double Welfare(double a)
        {
            var x = chosen with { ScrapingIntensity = a };
            var f = strategy.Forecast(state, x);
            var subjects = state.HeldSubjects + strict.P.EpochTicks / 2.0 * a * rate * (Subjects - state.ScrapedSubjects);
            return f.Revenue - f.CareCost - Breaches.Daily(strict.P, x.Security) * share * subjects * harm;
        }
        var best = Intensities.MaxBy(Welfare);
        Assert.True(best is > 0 and < 1, $"the reduced setting should have an interior optimum (got {best})");
        Assert.InRange(chosen.ScrapingIntensity, best - 0.25 - 1e-9, best + 0.25 + 1e-9);

        var negligence = Reduced(1.0, rule: LiabilityRule.Fault, dueCare: chosen.Security, scrapeRate: rate, harm: harm);
        var (careful, _) = new ProviderStrategy(negligence).Choose(state, Start(negligence));
        Assert.True(careful.Security >= chosen.Security - 1e-9, $"under negligence the firm meets due care {chosen.Security} (took {careful.Security})");
        Assert.True(careful.ScrapingIntensity > chosen.ScrapingIntensity, $"activity {careful.ScrapingIntensity} under negligence is not above {chosen.ScrapingIntensity} under strict liability");
    }

    /// <summary>
    /// The liability a firm expects is integrated over victims and harms, so it moves smoothly with care: no step of the
    /// firms' security grid (0.025) changes expected breach liability by more than a tenth of its range, in any built-in
    /// regime (a single representative victim made it jump from its full value to 0 where that victim stopped suing).
    /// </summary>
    [Theory]
    [MemberData(nameof(InfoRisk.Tests.Model.ModelRuns.BuiltInRegimes), MemberType = typeof(InfoRisk.Tests.Model.ModelRuns))]
    public void ExpectedLiability_MovesSmoothlyWithSecurity(string regime)
    {
        var table = LiabilityTable.For(new ModelContext(new RunSpec { Regime = RegimeCatalog.Get(regime) }));
        foreach (var sensitive in new[] { false, true })
        {
            var steps = (int)Math.Round(1 / ChoiceGrid.CareStep);
            var values = Enumerable.Range(0, steps + 1).Select(k => table.Expected(HarmSource.Breach, PartyKind.Provider, sensitive, k * ChoiceGrid.CareStep, 2).Provider).ToArray();
            var range = values.Max() - values.Min();
            for (var k = 1; k < values.Length; k++)
                Assert.True(Math.Abs(values[k] - values[k - 1]) <= 0.1 * range + 1e-9, $"{regime}, sensitive {sensitive}: step {(k - 1) * ChoiceGrid.CareStep}->{k * ChoiceGrid.CareStep} moves {values[k - 1]:F1} to {values[k]:F1} (range {range:F1})");
        }
    }
}
