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
    private static SecondaryUse For(PurposeLimitation rule, bool riskAssessment = false) =>
        new(new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance") with { PurposeLimitation = rule, RiskAssessment = riskAssessment })));

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
        Assert.Equal((violations, revenueFen), For(rule, riskAssessment).Reuse(20_000, 1.0, compliance: true, 0));
    }

    /// <summary>
    /// Deterrence: fines paid equal to the secondary-use revenue so far deter every violation (strict: the second day's
    /// 200 reuses are all given up, revenue 0); fines of half that revenue deter half. No revenue yet: no deterrence.
    /// </summary>
    [Fact]
    public void Fines_DeterViolations_InProportionToTheRevenueFromReuse()
    {
        var full = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), full.Reuse(20_000, 1.0, compliance: true, 1_000_000)); // no revenue so far: fines cannot deter yet
        Assert.Equal((0L, 0L), full.Reuse(20_000, 1.0, compliance: true, 400));
        var half = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), half.Reuse(20_000, 1.0, compliance: true, 0));
        Assert.Equal((100L, 200L), half.Reuse(20_000, 1.0, compliance: true, 200));
        var compatible = For(PurposeLimitation.Compatible);
        Assert.Equal((100L, 400L), compatible.Reuse(20_000, 1.0, compliance: true, 0));
        Assert.Equal((0L, 200L), compatible.Reuse(20_000, 1.0, compliance: true, 800)); // deterrence capped at 1: the lawful half is kept
    }

    /// <summary>
    /// A profit-seeking firm's chosen share: under strict purpose limitation half its appetite is 100 violating reuses
    /// (200 fen), under compatible use half is all lawful, and all of it is 100 lawful + 100 violating; no deterrence
    /// term (the firm already weighs expected fines when it chooses).
    /// </summary>
    [Fact]
    public void AChosenShare_IsLawfulUpToTheAllowedShare_AndViolatingBeyond()
    {
        Assert.Equal((100L, 200L), For(PurposeLimitation.Strict).Reuse(20_000, 0.5, compliance: false, 1_000_000));
        Assert.Equal((0L, 200L), For(PurposeLimitation.Compatible).Reuse(20_000, 0.5, compliance: false, 0));
        Assert.Equal((100L, 400L), For(PurposeLimitation.Compatible).Reuse(20_000, 1.0, compliance: false, 1_000_000));
        Assert.Equal((0L, 0L), For(PurposeLimitation.None).Reuse(20_000, 0.0, compliance: false, 0));
        Assert.Equal((30L, 260L), For(PurposeLimitation.Compatible, riskAssessment: true).Reuse(20_000, 1.0, compliance: false, 0));
    }
}
