using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Secondary use and purpose limitation (docs/model.md §3.23, Mechanisms/SecondaryUse.cs): reused = ⌊held × appetite ÷
/// epoch⌋; allowed share 1 / 0.5 / 0; violations = ⌊reused × (1 − allowed) × (1 − deterrence) × (0.3 with risk
/// assessment)⌋ with deterrence = min(1, fines ÷ secondary-use revenue so far); revenue = (⌊reused × allowed⌋ +
/// violations) × revenue per record.
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
        Assert.Equal((violations, revenueFen), For(rule, riskAssessment).Reuse(20_000, 0));
    }

    /// <summary>
    /// Deterrence: fines paid equal to the secondary-use revenue so far deter every violation (strict: the second day's
    /// 200 reuses are all given up, revenue 0); fines of half that revenue deter half. No revenue yet: no deterrence.
    /// </summary>
    [Fact]
    public void Fines_DeterViolations_InProportionToTheRevenueFromReuse()
    {
        var full = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), full.Reuse(20_000, 1_000_000)); // no revenue so far: fines cannot deter yet
        Assert.Equal((0L, 0L), full.Reuse(20_000, 400));
        var half = For(PurposeLimitation.Strict);
        Assert.Equal((200L, 400L), half.Reuse(20_000, 0));
        Assert.Equal((100L, 200L), half.Reuse(20_000, 200));
        var compatible = For(PurposeLimitation.Compatible);
        Assert.Equal((100L, 400L), compatible.Reuse(20_000, 0));
        Assert.Equal((0L, 200L), compatible.Reuse(20_000, 800)); // deterrence capped at 1: the lawful half is kept
    }
}
