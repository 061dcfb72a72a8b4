using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Secondary use and purpose limitation (docs/model.md §3.23, Mechanisms/SecondaryUse.cs): appetite = ⌊held × appetite ÷
/// epoch⌋; allowed share 1 / 0.5 / 0. A compliance-only firm reuses its whole appetite: violations = ⌊appetite × (1 −
/// allowed) × (1 − deterrence) × (0.3 with risk assessment)⌋ with deterrence = min(1, fines ÷ secondary-use revenue so
/// far). A profit-seeking firm reuses the share it chose: violations = ⌊appetite × max(0, share − allowed) × (0.3)⌋.
/// Revenue = (lawful + violations) × revenue per record.
/// </summary>
public class SecondaryUseTests
{
    private static SecondaryUse For(PurposeLimitation rule) =>
        new(new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance") with { PurposeLimitation = rule })));

    /// <summary>The grade of uniform risk assessment (violations × 0.3), or none.</summary>
    private static int Grade(bool riskAssessment) => riskAssessment ? RiskAssessment.UniformGrade : 0;

    [Fact]
    public void AllowedShares_AreOneHalfAndNone()
    {
        Assert.Equal(1.0, SecondaryUse.AllowedShare(PurposeLimitation.None));
        Assert.Equal(0.5, SecondaryUse.AllowedShare(PurposeLimitation.Compatible));
        Assert.Equal(0.0, SecondaryUse.AllowedShare(PurposeLimitation.Strict));
    }

    /// <summary>
    /// 20,000 held records, appetite 0.3, epoch 30: 200 reused a day, each worth 0.02 yuan = 2 fen, so 400 fen whatever
    /// the rule; violations 0 (none), 100 (compatible), 200 (strict); with risk assessment ⌊100 × 0.3⌋ = 30 under
    /// compatible, and then revenue (100 + 30) × 2 fen.
    /// </summary>
    [Theory]
    [InlineData(PurposeLimitation.None, false, 0, 400)]
    [InlineData(PurposeLimitation.Compatible, false, 100, 400)]
    [InlineData(PurposeLimitation.Strict, false, 200, 400)]
    [InlineData(PurposeLimitation.Compatible, true, 30, 260)]
    [InlineData(PurposeLimitation.Strict, true, 60, 120)]
    public void Reuse_GivesTheDocumentedViolationsAndRevenue(PurposeLimitation rule, bool riskAssessment, long violations, long revenueFen)
    {
        Assert.Equal((violations, revenueFen), For(rule).Reuse(20_000, 1.0, compliance: true, 0, Grade(riskAssessment)));
    }

    /// <summary>
    /// Deterrence: fines paid equal to the secondary-use revenue so far deter every violation (strict: the second day's
    /// 200 reuses are all given up, revenue 0); fines of half that revenue deter half. No revenue yet: no deterrence.
    /// </summary>
    [Fact]
    public void Fines_DeterViolations_InProportionToTheRevenueFromReuse()
    {
        var full = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), full.Reuse(20_000, 1.0, compliance: true, 1_000_000, 0)); // no revenue so far: fines cannot deter yet
        Assert.Equal((0L, 0L), full.Reuse(20_000, 1.0, compliance: true, 400, 0));
        var half = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), half.Reuse(20_000, 1.0, compliance: true, 0, 0));
        Assert.Equal((100L, 200L), half.Reuse(20_000, 1.0, compliance: true, 200, 0));
        var compatible = For(PurposeLimitation.Compatible);
        Assert.Equal((100L, 400L), compatible.Reuse(20_000, 1.0, compliance: true, 0, 0));
        Assert.Equal((0L, 200L), compatible.Reuse(20_000, 1.0, compliance: true, 800, 0)); // deterrence capped at 1: the lawful half is kept
    }

    /// <summary>
    /// A profit-seeking firm's chosen share: under strict purpose limitation half its appetite is 100 violating reuses
    /// (200 fen), under compatible use half is all lawful, and all of it is 100 lawful + 100 violating; no deterrence
    /// term (the firm already weighs expected fines when it chooses).
    /// </summary>
    [Fact]
    public void AChosenShare_IsLawfulUpToTheAllowedShare_AndViolatingBeyond()
    {
        Assert.Equal((100L, 200L), For(PurposeLimitation.Strict).Reuse(20_000, 0.5, compliance: false, 1_000_000, 0));
        Assert.Equal((0L, 200L), For(PurposeLimitation.Compatible).Reuse(20_000, 0.5, compliance: false, 0, 0));
        Assert.Equal((100L, 400L), For(PurposeLimitation.Compatible).Reuse(20_000, 1.0, compliance: false, 1_000_000, 0));
        Assert.Equal((0L, 0L), For(PurposeLimitation.None).Reuse(20_000, 0.0, compliance: false, 0, 0));
        Assert.Equal((30L, 260L), For(PurposeLimitation.Compatible).Reuse(20_000, 1.0, compliance: false, 0, Grade(true)));
    }

    /// <summary>
    /// Unlawful reuse harms subjects (SecondaryUseHarm): 20,000 subjects each with 4 general and 1 sensitive record at a
    /// provider reusing 0.01 of its records unlawfully a day, each harming with probability 0.1: a subject is harmed on the
    /// day with probability 1 − (1 − 0.001)^5 (4 binomial standard errors), and each harm is booked to the provider
    /// (judgments the same day: court_delay_days 0).
    /// </summary>
    [Fact]
    public void UnlawfulReuse_HarmsSubjects_AtTheViolationRateTimesTheHarmProbability()
    {
        const int n = 20_000;
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { SecondaryUseHarmProbability = 0.1, HarmDelayMeanDays = 1e-9 }, subjects: n,
            levers: r => r with { CourtDelayDays = 0 });
        var world = h.World(3);
        world.Providers[0].MisuseRate = 0.01;
        var misuse = new SecondaryUseHarm(h.Ctx, h.S, h.Harm);
        h.Harm.BeginTick(3);
        for (var i = 0; i < n; i++)
        {
            h.Hold(i, 0, 4, 1);
            misuse.Misuse(i, 0, i, world.Providers[0], new InfoRisk.Model.Randomness.DrawSequence(h.Ctx.Seed, InfoRisk.Model.Randomness.RandomStream.Use, i, 3));
        }
        h.Realise(4, 4);
        var harmed = h.HarmedSubjects();
        MechanismHarness.WithinFourSe(harmed, n, 1 - Math.Pow(1 - 0.001, 5), "subjects harmed by unlawful reuse");
        Assert.Equal(h.Tally[TallyField.HarmSecondaryUseFen], h.S.HarmFen.Sum());
        Assert.Equal(harmed, h.Tally.Provider(0, ProviderField.HarmEventsSecondaryUse));
    }

    /// <summary>The violation rate per held record and day is the appetite ÷ epoch beyond the allowed share, times the grade's factor.</summary>
    [Fact]
    public void ViolationRate_IsTheAppetiteBeyondTheAllowedShare()
    {
        Assert.Equal(0.3 / 30 * 0.5, For(PurposeLimitation.Compatible).ViolationRate(1.0, compliance: false, 0, 0), 15);
        Assert.Equal(0.3 / 30 * 1.0 * 0.1, For(PurposeLimitation.Strict).ViolationRate(1.0, compliance: false, 0, 3), 15);
        Assert.Equal(0.0, For(PurposeLimitation.None).ViolationRate(1.0, compliance: false, 0, 0));
        Assert.Equal(0.0, For(PurposeLimitation.Compatible).ViolationRate(0.5, compliance: false, 0, 0));
    }
}
