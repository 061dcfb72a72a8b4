using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Punitive damages: each award equals min(cap, max(floor, multiplier x base)) (Consumer Protection Law art. 55 and the
/// paper: 3x, at least 500 yuan, at most a cap). Expected values below are worked out by hand from that formula, in fen.
/// </summary>
public class PunitiveAwardTests
{
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

    private static LiabilityRules Rules(Regime regime) =>
        new(new ModelContext(ModelRuns.Spec(regime, subjects: 100, users: 10)));

    private static byte SecurityByte(double s) => (byte)Math.Round(s * 255);

    [Fact]
    public void LiabilityRules_Punitive_UsesTheLossAsBase_AndTheLightNegligenceThreshold()
    {
        var rules = Rules(Precautionary); // light negligence: security below 0.7 suffices
        var e = new HarmEvent { Source = HarmSource.Breach, Party = PartyKind.Provider, PartySecurity = SecurityByte(0.5), Records = 4, PropertyFen = 200_000 };
        Assert.Equal(600_000, rules.Punitive(e));             // 3 x 2,000 yuan
        e.PropertyFen = 1_000;                                 // 10 yuan loss: 30 yuan < floor
        Assert.Equal(50_000, rules.Punitive(e));
        e.PartySecurity = SecurityByte(0.8);                  // not negligent, not intentional: no punitive damages
        Assert.Equal(0, rules.Punitive(e));
        e.Intentional = true;                                  // intent always qualifies
        Assert.Equal(50_000, rules.Punitive(e));
    }

    [Fact]
    public void LiabilityRules_Punitive_FallsBackToTheLicenceFeeWhenThereIsNoLoss()
    {
        var rules = Rules(Precautionary);
        // no property loss: base = licence fee 50 yuan x records
        var e = new HarmEvent { Source = HarmSource.Intrusion, Party = PartyKind.Provider, PartySecurity = SecurityByte(0.5), Records = 3, MentalFen = 100_000 };
        Assert.Equal(50_000, rules.Punitive(e));               // 3 x 150 yuan = 450 yuan < floor 500 yuan
        e.Records = 10;
        Assert.Equal(150_000, rules.Punitive(e));              // 3 x 500 yuan
        e.Records = 0;
        Assert.Equal(50_000, rules.Punitive(e));               // at least one record's fee: 3 x 50 yuan < floor
    }

    [Fact]
    public void LiabilityRules_Punitive_UnderTheGrossNegligenceThreshold_NeedsGrossFaultAndSeriousHarm()
    {
        var rules = Rules(Precautionary with { PunitiveThreshold = PunitiveThreshold.GrossNegligence });
        // security 0.2 < 0.3: gross negligence; 4,000 + 2,000 yuan >= 5,000 yuan: serious
        var e = new HarmEvent { Source = HarmSource.Breach, Party = PartyKind.Provider, PartySecurity = SecurityByte(0.2), Records = 1, PropertyFen = 400_000, MentalFen = 200_000 };
        Assert.Equal(1_200_000, rules.Punitive(e));            // 3 x 4,000 yuan
        e.PartySecurity = SecurityByte(0.5);                  // only light negligence
        Assert.Equal(0, rules.Punitive(e));
        e.PartySecurity = SecurityByte(0.2);
        e.PropertyFen = 100_000;                               // 1,000 + 2,000 yuan: not serious
        Assert.Equal(0, rules.Punitive(e));
    }

    [Fact]
    public void LiabilityRules_Punitive_IsZeroWithoutPunitiveDamages()
    {
        var rules = Rules(RegimeCatalog.Get("dynamic-balance"));
        var e = new HarmEvent { Source = HarmSource.FalseInformation, Party = PartyKind.User, Intentional = true, Records = 1, PropertyFen = 10_000_000, MentalFen = 1_000_000 };
        Assert.Equal(0, rules.Punitive(e));
        Assert.Equal(0, rules.Assess(e, 0.5).PunitiveFen);
    }
}
