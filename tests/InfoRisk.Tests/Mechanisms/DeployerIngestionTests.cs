using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Deployer ingestion (docs/model.md §3.7, Mechanisms/DeployerIngestion.cs): each subject is a customer of
/// min(2, Poisson(mean)) deployers from a uniform start tick; on that tick the deployer takes deployer_general_records, plus
/// deployer_sensitive_records in a sensitive sector, the sensitive ones only with consent under opt_in or risk assessment.
/// </summary>
public class DeployerIngestionTests
{
    // intercept −50 + 100 q: agreement is (numerically) certain at quality 1 and impossible at quality 0
    private static readonly ModelParameters QualityDecides = new() { ConsentIntercept = -50, ConsentValueWeight = 100, ConsentConcernWeight = 0 };

    /// <summary>
    /// On the start tick and only then: a general-sector deployer takes 3 records; a sensitive-sector deployer takes 3 + 2,
    /// the 2 sensitive only with consent under opt_in, asked with the quality of the deployer's base model (provider 1 at
    /// quality 1 gives consent, provider 0 at quality 0 refuses). Under opt_out sensitive consent no one is asked.
    /// </summary>
    [Theory]
    [InlineData("dynamic-balance", false, false)] // opt_in: asked; consent follows the base model's quality
    [InlineData("use-first", false, true)]        // opt_out and no risk assessment: never asked, always taken
    [InlineData("use-first", true, false)]        // opt_out with risk assessment: asked
    public void OnTheStartTick_TheDeployerTakesItsRecords_SensitiveOnesOnlyWithConsentWhereRequired(string regime, bool riskAssessment, bool alwaysTaken)
    {
        // deployer d builds on provider d mod 2 and is in sector d mod 5: 0 Finance (sensitive, provider 0), 1 Health
        // (sensitive, provider 1), 2 Education (general, provider 0)
        var h = MechanismHarness.For(regime, QualityDecides, subjects: 3, providers: 2, deployers: 3, levers: r => r with { RiskAssessment = riskAssessment ? RiskAssessmentMode.Uniform : RiskAssessmentMode.None });
        for (var d = 0; d < 3; d++) h.Customer(d, 0, d, start: 4);
        var world = h.World(4);
        world.Providers[0].Quality = 0.0;
        world.Providers[1].Quality = 1.0;

        h.Ingestion.Run(h.World(3));
        Assert.All(h.S.Customer, c => Assert.Equal(CustomerState.None, c));
        Assert.Equal(0, h.Tally[TallyField.RecordsCollected]);

        h.Ingestion.Run(world);
        var takenFinance = alwaysTaken ? 2 : 0; // base model quality 0: refused unless not asked
        Assert.Equal(CustomerState.Held0 | (takenFinance > 0 ? CustomerState.Sensitive0 : CustomerState.None), h.S.Customer[0]);
        Assert.Equal(CustomerState.Held0 | CustomerState.Sensitive0, h.S.Customer[1]);
        Assert.Equal(CustomerState.Held0, h.S.Customer[2]);
        Assert.Equal(3 * 3 + takenFinance + 2, h.Tally[TallyField.RecordsCollected]);
        Assert.Equal(takenFinance + 2, h.Tally[TallyField.SensitiveRecordsCollected]);
        Assert.Equal(alwaysTaken ? 0 : 2, h.Tally[TallyField.ConsentedRecords]);
    }

    /// <summary>
    /// Relations: min(2, Poisson(m)) draws of a uniform deployer, a duplicate second draw dropped. With m = 1 and D = 20
    /// deployers, P(no relation) = e^−1 and P(two relations) = (1 − 2e^−1)(1 − 1/D). Start ticks are uniform on
    /// [0, min(ticks, 365)): all inside, mean (H − 1)/2. Tolerance 4 standard errors, 20,000 subjects.
    /// </summary>
    [Fact]
    public void Relations_AreAPoissonNumberOfUniformDeployers_FromAUniformStartTick()
    {
        const int n = 20_000, deployers = 20, ticks = 200;
        var h = MechanismHarness.For("dynamic-balance", subjects: n, deployers: deployers, ticks: ticks, seed: 9, drawTraits: true);
        var none = Enumerable.Range(0, n).Count(i => h.S.Deployer0[i] == SubjectStore.NoDeployer);
        var two = Enumerable.Range(0, n).Count(i => h.S.Deployer1[i] != SubjectStore.NoDeployer);
        MechanismHarness.WithinFourSe(none, n, Math.Exp(-1), "subjects without a relation");
        MechanismHarness.WithinFourSe(two, n, (1 - 2 * Math.Exp(-1)) * (1 - 1.0 / deployers), "subjects with two relations");
        for (var i = 0; i < n; i++)
        {
            if (h.S.Deployer1[i] == SubjectStore.NoDeployer) continue;
            Assert.True(h.S.Deployer0[i] != SubjectStore.NoDeployer, $"subject {i}: a second relation without a first");
            Assert.True(h.S.Deployer0[i] != h.S.Deployer1[i], $"subject {i}: the same deployer twice");
        }
        var starts = Enumerable.Range(0, n).Where(i => h.S.Deployer0[i] != SubjectStore.NoDeployer).Select(i => (double)h.S.Start0[i]).ToArray();
        Assert.All(starts, s => Assert.InRange(s, 0, ticks - 1));
        var mean = (ticks - 1) / 2.0;
        var se = Math.Sqrt((ticks * ticks - 1) / 12.0 / starts.Length);
        Assert.True(Math.Abs(starts.Average() - mean) <= 4 * se, $"mean start {starts.Average():F2}, expected {mean} +- 4 x {se:F2}");
    }
}
