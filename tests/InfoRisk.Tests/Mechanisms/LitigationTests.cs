using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Litigation (docs/model.md §3.18-3.21, Mechanisms/Litigation.cs and Liability/LiabilityRules.cs): naming the wrongdoer,
/// causation with fading evidence, the fault rules, compensatory and punitive damages, the decision to sue, the court's
/// draw and who pays (joint and several liability). Worked examples use integer fen.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class LitigationTests
{
    // ------------------------------------------------------------------ direct: Litigation.Litigate

    /// <summary>
    /// A harness whose claims are won with certainty: identification 1 (joint and several liability or the reversed burden),
    /// causation 1 (causation_proof_base 1 and a harm suffered on its cause tick), fault 1 (no-fault, or an intentional
    /// fake), and suing costs nothing; judged the day the claim is filed (court_delay_days 0).
    /// </summary>
    private static MechanismHarness CertainWin(bool joint, bool reversed) =>
        MechanismHarness.For("dynamic-balance", new ModelParameters { CausationProofBase = 1.0, LitigationCostYuan = 0, CourtStandardSd = 0 }, providers: 2, deployers: 2,
            levers: r => r with { JointAndSeveral = joint, ReversedCausationBurden = reversed, LiabilityGeneral = LiabilityRule.NoFault, LiabilitySensitive = LiabilityRule.NoFault, CourtDelayDays = 0 });

    private static HarmEvent Claim(PartyKind party, int partyIndex = 0, int jointProvider = 0, bool intentional = false, int local = 0) => new()
    {
        Local = local,
        Source = party == PartyKind.User ? HarmSource.FalseInformation : party == PartyKind.Deployer ? HarmSource.Discrimination : HarmSource.Breach,
        Party = party,
        PartyIndex = (short)partyIndex,
        JointProvider = (short)jointProvider,
        Intentional = intentional,
        PartyCare = 128, // about 0.5: negligent, not grossly (the court's standards are exact here: court_standard_sd 0)
        CauseTick = 7,
        DueTick = 7,
        Holders = 3,
        Records = 2,
        PropertyFen = 300_000,
        MentalFen = 200_000, // below serious_mental_harm (5,000 yuan): not compensated without gross fault
    };

    /// <summary>
    /// A won claim against a provider (certain win): compensation = property loss 300,000 fen (the mental harm of 200,000
    /// is neither serious nor grossly negligent); the provider pays it and it is booked to that provider's liability;
    /// uncompensated = harm − compensation.
    /// </summary>
    [Fact]
    public void AWonClaimAgainstAProvider_IsPaidByThatProvider()
    {
        var h = CertainWin(joint: true, reversed: false);
        h.Litigation.Litigate(Claim(PartyKind.Provider, partyIndex: 1, jointProvider: 1), 500_000);
        var t = h.Tally;
        Assert.Equal((1L, 1L), (t[TallyField.ClaimsFiled], t[TallyField.ClaimsWon]));
        Assert.Equal(300_000, t[TallyField.CompensationFen]);
        Assert.Equal(0, t[TallyField.PunitiveFen]);
        Assert.Equal(300_000, t[TallyField.PaidByProvidersFen]);
        Assert.Equal(300_000, t.Provider(1, ProviderField.LiabilityFen));
        Assert.Equal(0, t.Provider(0, ProviderField.LiabilityFen));
        Assert.Equal(200_000, t[TallyField.UncompensatedFen]);
        Assert.Equal((1, 300_000L), ((int)h.S.Claims[0], h.S.CompensationFen[0]));
    }

    /// <summary>
    /// A malicious user's fake (intentional: the mental harm is due, award 500,000 fen), won with certainty under the reversed
    /// burden. The user pays ⌊500,000 × 0.3⌋ = 150,000; without joint liability that is all the victim gets (350,000
    /// uncompensated); with it the serving provider (joint provider 1) pays the remaining 350,000.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AUsersFake_IsPaidByTheUser_AndTheRestByTheProviderOnlyUnderJointLiability(bool joint)
    {
        var h = CertainWin(joint, reversed: true);
        h.Litigation.Litigate(Claim(PartyKind.User, partyIndex: 5, jointProvider: 1, intentional: true), 500_000);
        var t = h.Tally;
        Assert.Equal(150_000, t[TallyField.PaidByUsersFen]);
        Assert.Equal(joint ? 350_000 : 0, t[TallyField.PaidByProvidersFen]);
        Assert.Equal(joint ? 350_000 : 0, t.Provider(1, ProviderField.LiabilityFen));
        Assert.Equal(joint ? 500_000 : 150_000, t[TallyField.CompensationFen]);
        Assert.Equal(joint ? 0 : 350_000, t[TallyField.UncompensatedFen]);
        Assert.Equal(joint ? 500_000 : 150_000, h.S.CompensationFen[0]);
    }

    /// <summary>A deployer's award of 300,000 fen under joint liability: its base-model provider pays ⌊A/2⌋ and the deployer the rest.</summary>
    [Fact]
    public void ADeployersAward_IsSharedWithItsProvider_UnderJointLiability()
    {
        var h = CertainWin(joint: true, reversed: false);
        h.Litigation.Litigate(Claim(PartyKind.Deployer, partyIndex: 1, jointProvider: 1), 500_000);
        var t = h.Tally;
        Assert.Equal(150_000, t[TallyField.PaidByProvidersFen]);
        Assert.Equal(150_000, t[TallyField.PaidByDeployersFen]);
        Assert.Equal(150_000, t.Provider(1, ProviderField.LiabilityFen));
        Assert.Equal(150_000, t.Deployer(1, DeployerField.LiabilityFen));
        Assert.Equal(300_000, t[TallyField.CompensationFen]);
    }

    /// <summary>Punitive damages (precautionary: 3 × the loss, light negligence suffices) are paid on top and booked as punitive.</summary>
    [Fact]
    public void PunitiveDamages_ArePaidOnTopOfCompensation()
    {
        var h = MechanismHarness.For("precautionary", new ModelParameters { CausationProofBase = 1.0, LitigationCostYuan = 0, CourtStandardSd = 0 }, providers: 1,
            levers: r => r with { LiabilityGeneral = LiabilityRule.NoFault, CourtDelayDays = 0 });
        h.Litigation.Litigate(Claim(PartyKind.Provider), 500_000);
        Assert.Equal(300_000, h.Tally[TallyField.CompensationFen]);
        Assert.Equal(900_000, h.Tally[TallyField.PunitiveFen]);
        Assert.Equal(1_200_000, h.Tally[TallyField.PaidByProvidersFen]);
        Assert.Equal(200_000, h.Tally[TallyField.UncompensatedFen]);
    }

    /// <summary>A subject sues only when P(win) × award × (0.5 + θ) × (0.5 + literacy) exceeds the litigation cost: otherwise no claim and the whole harm is uncompensated.</summary>
    [Fact]
    public void ASubject_DoesNotSue_WhenTheExpectedAwardIsBelowTheCost()
    {
        // a certain win of 300,000 fen is worth at most 300,000 × 1.5 × 1.5 fen to the subject: below a cost of 1 million yuan
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { CausationProofBase = 1.0, LitigationCostYuan = 1e6 }, providers: 2,
            levers: r => r with { JointAndSeveral = true, LiabilityGeneral = LiabilityRule.NoFault });
        h.Litigation.Litigate(Claim(PartyKind.Provider), 500_000);
        Assert.Equal(0, h.Tally[TallyField.ClaimsFiled]);
        Assert.Equal(0, h.Tally[TallyField.CompensationFen]);
        Assert.Equal(500_000, h.Tally[TallyField.UncompensatedFen]);
        Assert.Equal(0, h.S.Claims[0]);
    }

    /// <summary>
    /// The court decides with one draw against P(win): 20,000 claims whose only uncertainty is causation, with probability
    /// causation_proof_base + (1 − causation_proof_base) × literacy = 0.6 + 0.4 λ, are won at that rate (4 binomial
    /// standard errors).
    /// </summary>
    [Fact]
    public void TheCourt_DecidesWithTheWinProbability()
    {
        const int n = 20_000;
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { CausationProofBase = 0.6, LitigationCostYuan = 0 }, subjects: n, providers: 2,
            levers: r => r with { LiabilityGeneral = LiabilityRule.NoFault, CourtDelayDays = 0 });
        for (var i = 0; i < n; i++)
        {
            var e = Claim(PartyKind.Provider, local: i);
            e.Source = HarmSource.Regurgitation; // identification 1
            h.Litigation.Litigate(e, 500_000);
        }
        Assert.Equal(n, h.Tally[TallyField.ClaimsFiled]);
        MechanismHarness.WithinFourSe(h.Tally[TallyField.ClaimsWon], n, 0.6 + 0.4 * h.S.LiteracyOf(0), "claims won");
    }

    // ------------------------------------------------------------------ whole runs (the shared 20,000-subject runs)

    [Fact]
    public void PunitiveDamages_ArePaidOnlyWhereTheRegimeHasThem()
    {
        foreach (var name in RegimeCatalog.BuiltInNames)
        {
            var regime = RegimeCatalog.Get(name);
            var punitive = Sum(Large(name), Metric.PunitiveYuan);
            if (regime.HasPunitiveDamages) Assert.True(punitive > 0, $"{name} has punitive damages but paid none in 20,000 subjects x 365 days");
            else Assert.True(punitive == 0, $"{name} has no punitive damages but paid {punitive} fen");
        }
        Assert.True(RegimeCatalog.Get("precautionary").HasPunitiveDamages, "precautionary lost its punitive damages");
    }

    // ------------------------------------------------------------------ liability rules: naming the wrongdoer, causation, fault, who pays

    private static readonly Regime DynamicBalance = RegimeCatalog.Get("dynamic-balance");

    private static ModelContext Context(Regime regime, ModelParameters? parameters = null) =>
        new(ModelRuns.Spec(regime, subjects: 100, users: 10, parameters: parameters));

    /// <summary>The rules of a regime, with judgments on the day of filing (the court's delay is tested on its own below).</summary>
    private static LiabilityRules Rules(Regime regime, ModelParameters? parameters = null) => new(Context(regime with { CourtDelayDays = 0 }, parameters));

    private static HarmEvent Event(HarmSource source, PartyKind party, bool sensitive, byte security, int age, byte holders = 2) => new()
    {
        Source = source,
        Party = party,
        Sensitive = sensitive,
        PartyCare = security,
        CauseTick = 10,
        DueTick = 10 + age,
        Holders = holders,
        Records = 2,
        PropertyFen = 300_000,
        MentalFen = 200_000,
    };

    /// <summary>The literacy levels the model actually uses (256 Beta quantiles) plus the ends of [0, 1].</summary>
    private static IEnumerable<double> Literacies() => Context(DynamicBalance).Literacy.Append(0.0).Append(1.0);

    [Fact]
    public void NoFault_GivesFaultProbabilityOne_WhateverTheSecurityAndLiteracy()
    {
        var rules = Rules(RegimeCatalog.Get("precautionary")); // no-fault for sensitive information
        for (var s = 0; s <= 255; s += 5)
        {
            foreach (var literacy in new[] { 0.0, 0.3, 1.0 })
            {
                var e = Event(HarmSource.Breach, PartyKind.Provider, sensitive: true, security: (byte)s, age: 60);
                Assert.Equal(LiabilityRule.NoFault, rules.RuleFor(e));
                Assert.Equal(1.0, rules.FaultProbability(e, literacy));
            }
        }
        // general information stays under presumed fault there: a perfectly secured processor is found to meet the
        // standard with probability 1 − Φ((due care − 1) / sd), and then rebuts with probability rebuttal_success
        var p = new ModelParameters();
        var general = Event(HarmSource.Breach, PartyKind.Provider, sensitive: false, security: 255, age: 60);
        var negligent = MathNet.Numerics.Distributions.Normal.CDF(0, 1, (p.DueCareStandard - 1.0) / p.CourtStandardSd);
        Assert.Equal(negligent + (1 - negligent) * (1 - p.RebuttalSuccess), rules.FaultProbability(general, 0.5), 12);
    }

    [Fact]
    public void PresumedFault_IsAtLeastFault_ForTheSameEvent()
    {
        var fault = Rules(DynamicBalance with { LiabilityGeneral = LiabilityRule.Fault, LiabilitySensitive = LiabilityRule.Fault });
        var presumed = Rules(DynamicBalance with { LiabilityGeneral = LiabilityRule.PresumedFault, LiabilitySensitive = LiabilityRule.PresumedFault });
        var noFault = Rules(DynamicBalance with { LiabilityGeneral = LiabilityRule.NoFault, LiabilitySensitive = LiabilityRule.NoFault });
        var strictlyHigher = 0;
        foreach (var literacy in Literacies())
        {
            for (var s = 0; s <= 255; s++)
            {
                foreach (var sensitive in new[] { false, true })
                {
                    var e = Event(HarmSource.Breach, PartyKind.Provider, sensitive, (byte)s, age: 30);
                    var pf = fault.FaultProbability(e, literacy);
                    var pp = presumed.FaultProbability(e, literacy);
                    var pn = noFault.FaultProbability(e, literacy);
                    Assert.True(pp >= pf, $"security {s}/255, literacy {literacy}: presumed fault {pp} < fault {pf}");
                    Assert.True(pn >= pp, $"security {s}/255, literacy {literacy}: no-fault {pn} < presumed fault {pp}");
                    Assert.True(pf is >= 0 and <= 1 && pp is >= 0 and <= 1, "fault probability outside [0, 1]");
                    Assert.True(presumed.Assess(e, literacy).WinProbability >= fault.Assess(e, literacy).WinProbability, "win probability lower under presumed fault");
                    if (pp > pf) strictlyHigher++;
                }
            }
        }
        Assert.True(strictlyHigher > 0, "presumed fault never helped the victim");
    }

    [Fact]
    public void ReversedCausationBurden_RaisesTheWinProbabilityOfATypicalClaim()
    {
        var ctx = Context(DynamicBalance);
        var victim = Rules(DynamicBalance);
        var reversed = Rules(DynamicBalance with { ReversedCausationBurden = true });
        var medianLiteracy = ctx.Literacy[128];
        foreach (var source in new[] { HarmSource.Breach, HarmSource.Regurgitation, HarmSource.Intrusion })
        {
            var e = Event(source, PartyKind.Provider, sensitive: false, security: 128, age: 60, holders: 3);
            var before = victim.Assess(e, medianLiteracy).WinProbability;
            var after = reversed.Assess(e, medianLiteracy).WinProbability;
            Assert.True(after > before, $"{source}: reversed burden did not raise the win probability ({before} -> {after})");
        }
        // the victim need not name the wrongdoer: identification is certain
        var breach = Event(HarmSource.Breach, PartyKind.Provider, sensitive: false, security: 128, age: 60, holders: 4);
        Assert.Equal(0.25, victim.IdentificationProbability(breach), 12);
        Assert.Equal(1.0, reversed.IdentificationProbability(breach));
    }

    /// <summary>
    /// Reversing the burden of proof of causation moves a burden from the victim to the defendant, so it can never make
    /// the victim's chance of winning lower than when she proves causation herself. Checked over every literacy level the
    /// model uses (the 256 Beta quantiles of the parameter set) and delays from 1 day (the shortest harm delay) to 2 years,
    /// for a harm with a single possible wrongdoer, under the default parameters and under two parameter sets a sensitivity
    /// sweep can reach: an easier causation proof (causation_proof_base 0.95) and a highly literate population (Beta(8, 1)).
    /// </summary>
    [Theory]
    [InlineData(0.4, 2.0, 3.0)]
    [InlineData(0.95, 2.0, 3.0)]
    [InlineData(0.4, 8.0, 1.0)]
    public void ReversedCausationBurden_NeverLowersTheWinProbability(double causationProofBase, double literacyA, double literacyB)
    {
        var parameters = new ModelParameters { CausationProofBase = causationProofBase, LiteracyBetaA = literacyA, LiteracyBetaB = literacyB };
        var victim = Rules(DynamicBalance, parameters);
        var reversed = Rules(DynamicBalance with { ReversedCausationBurden = true }, parameters);
        var failures = new List<string>();
        foreach (var literacy in Context(DynamicBalance, parameters).Literacy)
        {
            for (var age = 1; age <= 730; age++)
            {
                var e = Event(HarmSource.Regurgitation, PartyKind.Provider, sensitive: false, security: 128, age: age, holders: 1);
                var before = victim.Assess(e, literacy).WinProbability;
                var after = reversed.Assess(e, literacy).WinProbability;
                if (after < before) failures.Add($"literacy {literacy:F4}, delay {age} d: {before:F4} -> {after:F4}");
            }
        }
        Assert.True(failures.Count == 0,
            $"the reversed causation burden lowered the win probability in {failures.Count} of {256 * 730} cases, e.g. {string.Join("; ", failures.Take(4))}");
    }

    [Fact]
    public void CausationProof_FadesWithTimeSinceTheCause()
    {
        var victim = Rules(DynamicBalance);
        var previous = double.MaxValue;
        for (var age = 0; age <= 1000; age += 10)
        {
            var p = victim.CausationProbability(Event(HarmSource.Breach, PartyKind.Provider, false, 128, age), 0.5);
            Assert.True(p < previous, $"causation probability did not fall at delay {age}");
            previous = p;
        }
        // half-life 277 days (IBM): after exactly one half-life the chance has halved
        var fresh = victim.CausationProbability(Event(HarmSource.Breach, PartyKind.Provider, false, 128, 0), 0.5);
        var old = victim.CausationProbability(Event(HarmSource.Breach, PartyKind.Provider, false, 128, 277), 0.5);
        Assert.Equal(fresh / 2, old, 12);
    }

    [Fact]
    public void JointAndSeveral_MakesTheProviderPayWhatAJudgmentProofUserCannot()
    {
        var solvency = new ModelParameters().UserSolvency;
        Assert.True(solvency < 1.0, "the default user solvency should leave users partly judgment-proof");
        var sole = Rules(DynamicBalance);
        var joint = Rules(DynamicBalance with { JointAndSeveral = true });
        var e = Event(HarmSource.FalseInformation, PartyKind.User, sensitive: false, security: 0, age: 10);
        e.Intentional = true;
        foreach (var award in new[] { 1L, 99L, 50_000L, 1_000_001L, 123_456_789L })
        {
            var fromUser = (long)Math.Floor(award * solvency);
            var (p1, d1, u1) = joint.Split(e, award, 0);
            Assert.Equal(award, p1 + d1 + u1);
            Assert.Equal(fromUser, u1);
            Assert.Equal(award - fromUser, p1);
            var (p0, d0, u0) = sole.Split(e, award, 0);
            Assert.Equal(0, p0 + d0);
            Assert.Equal(fromUser, u0);
            if (award > 1) Assert.True(p0 + d0 + u0 < award, $"award {award}: a user of solvency {solvency} paid in full without joint liability");
        }

        // a fully judgment-proof user: the provider pays everything under joint liability, nobody pays otherwise
        var broke = new ModelParameters { UserSolvency = 0 };
        Assert.Equal((1_000_000L, 0L, 0L), Rules(DynamicBalance with { JointAndSeveral = true }, broke).Split(e, 1_000_000, 0));
        Assert.Equal((0L, 0L, 0L), Rules(DynamicBalance, broke).Split(e, 1_000_000, 0));
    }

    [Fact]
    public void JointAndSeveral_SpreadsADeployersLiabilityToItsProvider_AndAlwaysCollectsTheWholeAward()
    {
        var sole = Rules(DynamicBalance);
        var joint = Rules(DynamicBalance with { JointAndSeveral = true });
        var e = Event(HarmSource.Discrimination, PartyKind.Deployer, sensitive: false, security: 100, age: 10);
        foreach (var award in new[] { 1L, 2L, 3L, 1_000_001L })
        {
            var (p, d, u) = joint.Split(e, award, 0);
            Assert.Equal(award, p + d + u);
            Assert.True(p > 0 || award == 1, "the provider did not share the deployer's liability");
            Assert.Equal(0, u);
            Assert.Equal((0L, award, 0L), sole.Split(e, award, 0));
        }
        var providerCaused = Event(HarmSource.Breach, PartyKind.Provider, false, 100, 10);
        Assert.Equal((777L, 0L, 0L), joint.Split(providerCaused, 777, 0));
        Assert.Equal((777L, 0L, 0L), sole.Split(providerCaused, 777, 0));
    }

    [Fact]
    public void NamingTheWrongdoer_IsHardWithoutJointLiability()
    {
        var sole = Rules(DynamicBalance);
        var joint = Rules(DynamicBalance with { JointAndSeveral = true });
        var fake = Event(HarmSource.FalseInformation, PartyKind.User, false, 0, 10);
        Assert.Equal(new ModelParameters().UserIdentificationProbability, sole.IdentificationProbability(fake), 12);
        Assert.Equal(1.0, joint.IdentificationProbability(fake));
        var breach = Event(HarmSource.Breach, PartyKind.Provider, false, 0, 10, holders: 5);
        Assert.Equal(0.2, sole.IdentificationProbability(breach), 12);
        Assert.Equal(1.0, joint.IdentificationProbability(breach));
    }

    // ------------------------------------------------------------------ punitive damages
    // Each award equals min(cap, max(floor, multiplier x base)) (Consumer Protection Law art. 55 and the paper: 3x, at least
    // 500 yuan, at most a cap). Expected values below are worked out by hand from that formula, in fen.

    private static readonly Regime Precautionary = RegimeCatalog.Get("precautionary");

    [Fact]
    public void PrecautionaryRegime_HasTheLeversTheseCasesAssume()
    {
        Assert.Equal(3.0, Precautionary.PunitiveMultiplier);
        Assert.Equal(500, Precautionary.PunitiveFloorYuan);
        Assert.Equal(1_000_000, Precautionary.PunitiveCapYuan);
    }

    // floor = 500 yuan = 50,000 fen; cap = 1,000,000 yuan = 100,000,000 fen
    [Theory]
    [InlineData(0L, 50_000L)]                 // nothing to multiply: the floor
    [InlineData(1L, 50_000L)]                 // 3 fen: the floor
    [InlineData(10_000L, 50_000L)]            // 100 yuan x 3 = 300 yuan: the floor
    [InlineData(16_666L, 50_000L)]            // 49,998 fen: just below the floor
    [InlineData(16_667L, 50_001L)]            // 50,001 fen: just above the floor
    [InlineData(20_000L, 60_000L)]            // 200 yuan x 3 = 600 yuan
    [InlineData(1_000_000L, 3_000_000L)]      // 10,000 yuan x 3 = 30,000 yuan
    [InlineData(33_333_333L, 99_999_999L)]    // just below the cap
    [InlineData(33_333_334L, 100_000_000L)]   // 100,000,002 fen: capped
    [InlineData(1_000_000_000L, 100_000_000L)] // 10 million yuan base: capped
    public void Award_IsMinOfCapAndMaxOfFloorAndThreeTimesBase(long baseFen, long expectedFen)
    {
        Assert.Equal(expectedFen, PunitiveAward.Compute(baseFen, Precautionary));
    }

    [Fact]
    public void Award_MatchesTheFormulaOverARangeOfBasesAndLevers()
    {
        // a custom regime: 2x, floor 1,000 yuan, cap 5,000 yuan -> min(500,000, max(100,000, 2 x base)) fen
        var regime = Precautionary with { PunitiveMultiplier = 2, PunitiveFloorYuan = 1_000, PunitiveCapYuan = 5_000 };
        for (long baseFen = 0; baseFen <= 400_000; baseFen += 997)
        {
            var expected = Math.Min(500_000L, Math.Max(100_000L, 2 * baseFen));
            Assert.True(expected == PunitiveAward.Compute(baseFen, regime), $"base {baseFen} fen: expected {expected} fen, got {PunitiveAward.Compute(baseFen, regime)}");
        }
        Assert.Equal(100_000, PunitiveAward.Compute(49_999, regime));
        Assert.Equal(100_002, PunitiveAward.Compute(50_001, regime));
        Assert.Equal(500_000, PunitiveAward.Compute(250_001, regime));
    }

    [Theory]
    [InlineData("protection-first")]
    [InlineData("use-first")]
    [InlineData("dynamic-balance")]
    public void RegimeWithMultiplierZero_AwardsNothing(string name)
    {
        var regime = RegimeCatalog.Get(name);
        Assert.False(regime.HasPunitiveDamages);
        foreach (var baseFen in new[] { 0L, 1L, 50_000L, 1_000_000L, 1_000_000_000L })
            Assert.Equal(0, PunitiveAward.Compute(baseFen, regime));
        Assert.Equal(0, PunitiveAward.Compute(1_000_000, Precautionary with { PunitiveMultiplier = 0 }));
    }

    private static byte SecurityByte(double s) => (byte)Math.Round(s * 255);

    /// <summary>The punitive award of a won claim when the court's standards are exact (court_standard_sd 0).</summary>
    private static long Punitive(LiabilityRules rules, HarmEvent e) => rules.Assess(e, 0.5).Award(0.5).Punitive;

    private static LiabilityRules ExactRules(Regime regime) => Rules(regime, new ModelParameters { CourtStandardSd = 0 });

    [Fact]
    public void LiabilityRules_Punitive_UsesTheLossAsBase_AndTheLightNegligenceThreshold()
    {
        var rules = ExactRules(Precautionary); // light negligence: security below 0.7 suffices
        var e = new HarmEvent { Source = HarmSource.Breach, Party = PartyKind.Provider, PartyCare = SecurityByte(0.5), Records = 4, PropertyFen = 200_000 };
        Assert.Equal(600_000, Punitive(rules, e));             // 3 x 2,000 yuan
        e.PropertyFen = 1_000;                                 // 10 yuan loss: 30 yuan < floor
        Assert.Equal(50_000, Punitive(rules, e));
        e.PartyCare = SecurityByte(0.8);                  // not negligent, not intentional: no punitive damages
        Assert.Equal(0, Punitive(rules, e));
        e.Intentional = true;                                  // intent always qualifies
        Assert.Equal(50_000, Punitive(rules, e));
    }

    [Fact]
    public void LiabilityRules_Punitive_FallsBackToTheLicenceFeeWhenThereIsNoLoss()
    {
        var rules = ExactRules(Precautionary);
        // no property loss: base = licence fee 50 yuan x records
        var e = new HarmEvent { Source = HarmSource.Intrusion, Party = PartyKind.Provider, PartyCare = SecurityByte(0.5), Records = 3, MentalFen = 100_000 };
        Assert.Equal(50_000, Punitive(rules, e));               // 3 x 150 yuan = 450 yuan < floor 500 yuan
        e.Records = 10;
        Assert.Equal(150_000, Punitive(rules, e));              // 3 x 500 yuan
        e.Records = 0;
        Assert.Equal(50_000, Punitive(rules, e));               // at least one record's fee: 3 x 50 yuan < floor
    }

    [Fact]
    public void LiabilityRules_Punitive_UnderTheGrossNegligenceThreshold_NeedsGrossFaultAndSeriousHarm()
    {
        var rules = ExactRules(Precautionary with { PunitiveThreshold = PunitiveThreshold.GrossNegligence });
        // security 0.2 < 0.3: gross negligence; 4,000 + 2,000 yuan >= 5,000 yuan: serious
        var e = new HarmEvent { Source = HarmSource.Breach, Party = PartyKind.Provider, PartyCare = SecurityByte(0.2), Records = 1, PropertyFen = 400_000, MentalFen = 200_000 };
        Assert.Equal(1_200_000, Punitive(rules, e));            // 3 x 4,000 yuan
        e.PartyCare = SecurityByte(0.5);                  // only light negligence
        Assert.Equal(0, Punitive(rules, e));
        e.PartyCare = SecurityByte(0.2);
        e.PropertyFen = 100_000;                               // 1,000 + 2,000 yuan: not serious
        Assert.Equal(0, Punitive(rules, e));
    }

    [Fact]
    public void LiabilityRules_Punitive_IsZeroWithoutPunitiveDamages()
    {
        var rules = ExactRules(RegimeCatalog.Get("dynamic-balance"));
        var e = new HarmEvent { Source = HarmSource.FalseInformation, Party = PartyKind.User, Intentional = true, Records = 1, PropertyFen = 10_000_000, MentalFen = 1_000_000 };
        Assert.Equal(0, Punitive(rules, e));
        Assert.Equal(0, rules.Assess(e, 0.5).PunitiveIfEligibleFen);
    }

    /// <summary>
    /// Joint and several liability extends to compensatory damages only: punitive damages punish, and stay with the party
    /// whose conduct earned them. A user owing 100,000 fen of compensation and 300,000 of punitive damages pays
    /// ⌊400,000 × 0.3⌋ = 120,000; the provider guarantees the compensation it cannot (here none is left); a deployer's
    /// punitive damages are its own, and its provider pays half of the compensation only.
    /// </summary>
    [Fact]
    public void JointLiability_CoversCompensationButNotAnotherPartysPunitiveDamages()
    {
        var joint = Rules(DynamicBalance with { JointAndSeveral = true });
        var fake = Event(HarmSource.FalseInformation, PartyKind.User, false, 0, 10);
        fake.Intentional = true;
        Assert.Equal((0L, 0L, 120_000L), joint.Split(fake, 100_000, 300_000));
        Assert.Equal((280_000L, 0L, 120_000L), joint.Split(fake, 400_000, 0));
        var decision = Event(HarmSource.Discrimination, PartyKind.Deployer, false, 0, 10);
        Assert.Equal((50_000L, 350_000L, 0L), joint.Split(decision, 100_000, 300_000));
    }

    // ------------------------------------------------------------------ the court's delay and the right of access

    /// <summary>
    /// A claim filed on day 7 with court_delay_days 30 is judged on day 37: until then it is pending (one claim, its harm of
    /// 500,000 fen) and nothing is awarded or counted as uncompensated; on day 37 the certain win pays the 300,000 fen of
    /// property loss and the other 200,000 fen are uncompensated. A claim whose judgment falls after the horizon stays pending.
    /// </summary>
    [Fact]
    public void AClaim_IsJudgedAfterTheCourtsDelay_AndPendingUntilThen()
    {
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { CausationProofBase = 1.0, LitigationCostYuan = 0, CourtStandardSd = 0, EvidenceHalfLifeDays = 1e12 },
            providers: 2, ticks: 40, levers: r => r with { JointAndSeveral = true, LiabilityGeneral = LiabilityRule.NoFault, CourtDelayDays = 30 });
        h.Litigation.Litigate(Claim(PartyKind.Provider, partyIndex: 1, jointProvider: 1), 500_000);
        h.Litigation.Report();
        var t = h.Tally;
        Assert.Equal((1L, 0L, 0L, 0L), (t[TallyField.ClaimsFiled], t[TallyField.ClaimsWon], t[TallyField.CompensationFen], t[TallyField.UncompensatedFen]));
        Assert.Equal((1L, 500_000L), (t[TallyField.ClaimsPending], t[TallyField.ClaimsPendingFen]));
        t.Clear();
        h.Litigation.JudgeDue(36);
        Assert.Equal(0, t[TallyField.ClaimsWon]);
        h.Litigation.JudgeDue(37);
        h.Litigation.Report();
        Assert.Equal((1L, 300_000L, 200_000L), (t[TallyField.ClaimsWon], t[TallyField.CompensationFen], t[TallyField.UncompensatedFen]));
        Assert.Equal((0L, 0L), (t[TallyField.ClaimsPending], t[TallyField.ClaimsPendingFen]));

        var late = Claim(PartyKind.Provider, partyIndex: 1, jointProvider: 1);
        (late.CauseTick, late.DueTick) = (20, 20); // judged on day 50, after the 40-day horizon
        t.Clear();
        h.Litigation.Litigate(late, 500_000);
        for (var day = 20; day <= 40; day++) h.Litigation.JudgeDue(day);
        h.Litigation.Report();
        Assert.Equal((0L, 1L), (t[TallyField.ClaimsWon], t[TallyField.ClaimsPending]));
    }

    /// <summary>
    /// The victim's evidence keeps fading until the judgment: with a half-life of 277 days, a harm suffered 60 days after
    /// its cause and judged 180 days later is proven with 0.5^(240/277) × (base + (1 − base) × literacy), the same as a harm
    /// 240 days old judged at once.
    /// </summary>
    [Fact]
    public void TheCourtsDelay_FadesTheEvidenceOfCausation()
    {
        var delayed = new LiabilityRules(Context(DynamicBalance with { CourtDelayDays = 180 }));
        var p = delayed.CausationProbability(Event(HarmSource.Breach, PartyKind.Provider, false, 128, 60), 0.5);
        var expected = Math.Pow(0.5, 240 / 277.0) * (0.4 + 0.6 * 0.5);
        Assert.Equal(expected, p, 12);
        Assert.Equal(Rules(DynamicBalance).CausationProbability(Event(HarmSource.Breach, PartyKind.Provider, false, 128, 240), 0.5), p, 12);
    }

    /// <summary>
    /// The right of access: a subject who has a copy of what the provider held names it for sure (a breach among 3 holders:
    /// 1 instead of 1/3; likewise an unlawful reuse), and proves causation with p + (1 − p) × access_evidence_gain (0.5).
    /// </summary>
    [Fact]
    public void Access_NamesTheHolder_AndSuppliesPartOfTheProofOfCausation()
    {
        var rules = Rules(DynamicBalance);
        foreach (var source in new[] { HarmSource.Breach, HarmSource.SecondaryUse })
        {
            var e = Event(source, PartyKind.Provider, false, 128, 60, holders: 3);
            Assert.Equal(1.0 / 3, rules.IdentificationProbability(e), 12);
            var without = rules.CausationProbability(e, 0.5);
            e.Accessed = true;
            Assert.Equal(1.0, rules.IdentificationProbability(e), 12);
            Assert.Equal(without + (1 - without) * 0.5, rules.CausationProbability(e, 0.5), 12);
        }
    }
}
