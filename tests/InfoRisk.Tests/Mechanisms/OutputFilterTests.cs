using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// The output filter (docs/model.md §3.28, Mechanisms/OutputFilter.cs): its cost queries × cost × f, and its effects:
/// regurgitation × (1 − f), hallucination × (1 − f × filter_factuality_efficacy).
/// </summary>
public class OutputFilterTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.8)]
    [InlineData(1.0)]
    public void Cost_IsQueriesTimesCostPerQueryTimesStrength(double strength)
    {
        var p = new ModelParameters();
        Assert.Equal(10_000 * 0.004 * strength, OutputFilter.CostYuan(p, strength, 10_000), 12);
        Assert.Equal(0.0, OutputFilter.CostYuan(p, strength, 0));
    }

    /// <summary>
    /// 20,000 subjects, each with 50 memorised records at a provider with 10^6 queries and training records: regurgitation
    /// follows 1 − exp(−m r) with r ∝ (1 − f) and hallucination follows its hazard ∝ (1 − f × efficacy), at filter 0.2 and
    /// 0.8 (4 binomial standard errors each); at f = 1 with efficacy 1 neither happens at all.
    /// </summary>
    [Theory]
    [InlineData(0.2, 0.5)]
    [InlineData(0.8, 0.5)]
    [InlineData(1.0, 1.0)]
    public void TheFilter_CutsRegurgitationAndHallucination(double strength, double efficacy)
    {
        const int n = 20_000;
        const long queries = 1_000_000;
        var p = new ModelParameters { FilterFactualityEfficacy = efficacy, HallucinationRate = 0.5, FalseInfoHarmfulShare = 0 };
        var h = new MechanismHarness(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance") with { OutputFilter = strength }, p, subjects: n));
        for (var i = 0; i < n; i++) h.S.Memorized[i] = 50;
        var world = h.World(2);
        world.QueriesByProvider[0] = queries;
        world.Providers[0].TrainableRecords = queries;
        h.Harm.BeginTick(2);
        h.Regurgitation.BeginTick(world);
        h.FalseInformation.BeginTick(world);
        for (var i = 0; i < n; i++)
        {
            var use = new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, 2);
            h.Regurgitation.Emit(i, 0, i, use);
            h.FalseInformation.Hallucinate(i, 0, i, use);
        }
        var r = h.P.ExtractionRate * (1 - strength) * h.P.PiiShareOfMemorizedOutput;
        MechanismHarness.WithinFourSe(h.Tally[TallyField.RegurgitationIncidents], n, 1 - Math.Exp(-50 * r), $"regurgitation at filter {strength}");
        var hazard = queries * p.PersonQueryShare * p.HallucinationRate * (1 - strength * efficacy) / n;
        MechanismHarness.WithinFourSe(h.Tally[TallyField.FalseInfoIncidents], n, hazard, $"hallucination at filter {strength}");
    }
}
