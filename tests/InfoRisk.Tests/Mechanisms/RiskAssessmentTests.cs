using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Ex-ante risk assessment (docs/model.md §3.27, Mechanisms/RiskAssessment.cs): its cost, and its five effects, each
/// checked by switching only the risk_assessment lever of use-first (free scraping, opt_out sensitive consent).
/// </summary>
public class RiskAssessmentTests
{
    [Fact]
    public void DailyCost_IsPaidOnlyWithRiskAssessment()
    {
        var with = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary")));
        var without = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance")));
        Assert.Equal(with.P.RiskAssessmentCostYuanDay, RiskAssessment.DailyCostYuan(with));
        Assert.Equal(0.0, RiskAssessment.DailyCostYuan(without));
        Assert.Equal(0.3, RiskAssessment.SecondaryUseFactor);
    }

    /// <summary>
    /// The same subject (8 general, 2 sensitive items; asked and refused) and the same customer in a sensitive sector, with
    /// and without risk assessment: without it the sensitive items are scraped, ingested and trained on and secondary use
    /// is not cut; with it none of the sensitive items is scraped or ingested without consent, sensitive records held are
    /// kept out of training, and secondary-use violations fall to ⌊0.3 ×⌋.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RiskAssessment_BlocksUnconsentedSensitiveProcessing_AndCutsSecondaryUse(bool on)
    {
        var p = new ModelParameters { ScrapeRatePerDay = 1, MemorizationBase = 1, ConsentIntercept = -50, ConsentConcernWeight = 0, ConsentValueWeight = 0 };
        var h = MechanismHarness.For("use-first", p, subjects: 2, deployers: 1, levers: r => r with { RiskAssessment = on });
        h.Subject(0, general: 8, sensitive: 2);
        h.Customer(1, 0, 0, start: 0); // deployer 0: Finance, a sensitive sector
        var world = h.World(0);
        h.Scraping.Run(world);
        h.Ingestion.Run(world);
        Assert.Equal(on ? 0 : 2, h.S.HeldSensitive[h.Pair(0, 0)]);
        Assert.Equal(8, h.S.HeldGeneral[h.Pair(0, 0)]);
        Assert.Equal(on ? CustomerState.Held0 : CustomerState.Held0 | CustomerState.Sensitive0, h.S.Customer[1]);

        h.Hold(1, 0, 3, 4);
        h.Memorisation.Train(h.World(0));
        Assert.Equal(on ? 3 : 7, h.S.Memorized[h.Pair(1, 0)]);

        var reuse = new SecondaryUse(h.Ctx).Reuse(20_000, 1.0, compliance: true, 0); // use-first allows all reuse: no violation either way
        Assert.Equal(0, reuse.Violations);
        var strict = new SecondaryUse(new ModelContext(MechanismHarness.Spec(h.Regime with { PurposeLimitation = PurposeLimitation.Strict }))).Reuse(20_000, 1.0, compliance: true, 0);
        Assert.Equal(on ? 60 : 200, strict.Violations);
    }
}
