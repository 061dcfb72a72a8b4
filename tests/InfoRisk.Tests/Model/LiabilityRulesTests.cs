using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Tort liability (model.md 3.7): fault, presumed fault, no-fault; the reversed causation burden; joint and several liability.
/// </summary>
public class LiabilityRulesTests
{
    private static readonly Regime DynamicBalance = RegimeCatalog.Get("dynamic-balance");

    private static ModelContext Context(Regime regime, ModelParameters? parameters = null) =>
        new(ModelRuns.Spec(regime, subjects: 100, users: 10, parameters: parameters));

    private static LiabilityRules Rules(Regime regime, ModelParameters? parameters = null) => new(Context(regime, parameters));

    private static HarmEvent Event(HarmSource source, PartyKind party, bool sensitive, byte security, int age, byte holders = 2) => new()
    {
        Source = source,
        Party = party,
        Sensitive = sensitive,
        PartySecurity = security,
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
        // general information stays under presumed fault there: a perfectly secured processor rebuts half the time
        var general = Event(HarmSource.Breach, PartyKind.Provider, sensitive: false, security: 255, age: 60);
        Assert.Equal(0.5, rules.FaultProbability(general, 0.5), 12);
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
            var (p1, d1, u1) = joint.Split(e, award);
            Assert.Equal(award, p1 + d1 + u1);
            Assert.Equal(fromUser, u1);
            Assert.Equal(award - fromUser, p1);
            var (p0, d0, u0) = sole.Split(e, award);
            Assert.Equal(0, p0 + d0);
            Assert.Equal(fromUser, u0);
            if (award > 1) Assert.True(p0 + d0 + u0 < award, $"award {award}: a user of solvency {solvency} paid in full without joint liability");
        }

        // a fully judgment-proof user: the provider pays everything under joint liability, nobody pays otherwise
        var broke = new ModelParameters { UserSolvency = 0 };
        Assert.Equal((1_000_000L, 0L, 0L), Rules(DynamicBalance with { JointAndSeveral = true }, broke).Split(e, 1_000_000));
        Assert.Equal((0L, 0L, 0L), Rules(DynamicBalance, broke).Split(e, 1_000_000));
    }

    [Fact]
    public void JointAndSeveral_SpreadsADeployersLiabilityToItsProvider_AndAlwaysCollectsTheWholeAward()
    {
        var sole = Rules(DynamicBalance);
        var joint = Rules(DynamicBalance with { JointAndSeveral = true });
        var e = Event(HarmSource.Discrimination, PartyKind.Deployer, sensitive: false, security: 100, age: 10);
        foreach (var award in new[] { 1L, 2L, 3L, 1_000_001L })
        {
            var (p, d, u) = joint.Split(e, award);
            Assert.Equal(award, p + d + u);
            Assert.True(p > 0 || award == 1, "the provider did not share the deployer's liability");
            Assert.Equal(0, u);
            Assert.Equal((0L, award, 0L), sole.Split(e, award));
        }
        var providerCaused = Event(HarmSource.Breach, PartyKind.Provider, false, 100, 10);
        Assert.Equal((777L, 0L, 0L), joint.Split(providerCaused, 777));
        Assert.Equal((777L, 0L, 0L), sole.Split(providerCaused, 777));
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
}
