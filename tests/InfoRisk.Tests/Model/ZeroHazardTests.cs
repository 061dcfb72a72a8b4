using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Whole runs with every hazard at zero (no breach, memorisation, hallucination, malicious user, bias, intrusion or
/// unlawful-reuse harm)
/// harm nobody in any regime; each hazard switched back on alone harms through its own channel only.
/// </summary>
public class ZeroHazardTests
{
    internal static readonly ModelParameters NoHazards = new()
    {
        BreachProbability24Months = 0,
        MemorizationBase = 0,
        HallucinationRate = 0,
        MaliciousUserShare = 0,
        BiasHazard = 0,
        IntrusionHarmProbability = 0,
        SecondaryUseHarmProbability = 0,
    };

    private static readonly int[] HarmMetrics =
    [
        Metric.HarmPropertyYuan, Metric.HarmMentalYuan, Metric.HarmTotalYuan, Metric.HarmIntrusionYuan, Metric.HarmBreachYuan,
        Metric.HarmRegurgitationYuan, Metric.HarmFalseInfoYuan, Metric.HarmDiscriminationYuan, Metric.HarmSecondaryUseYuan,
    ];

    [Theory]
    [MemberData(nameof(BuiltInRegimes), MemberType = typeof(ModelRuns))]
    public void ZeroHazards_GiveExactlyZeroHarm(string regime)
    {
        var rows = PlainRun.Run(Spec(regime, 2_000, 600, seed: 3, parameters: NoHazards));
        foreach (var m in HarmMetrics) Assert.True(Sum(rows, m) == 0, $"{regime}: {Name(m)} = {Sum(rows, m)} fen with every hazard at zero");
        foreach (var m in new[] { Metric.Breaches, Metric.RecordsExposed, Metric.RecordsMemorized, Metric.RegurgitationIncidents, Metric.FalseInfoIncidents,
                     Metric.DiscriminatoryDecisions, Metric.ClaimsFiled, Metric.CompensationYuan, Metric.PunitiveYuan })
            Assert.True(Sum(rows, m) == 0, $"{regime}: {Name(m)} = {Sum(rows, m)} with every hazard at zero");
        // the service still runs: the zero is not because nothing happened
        Assert.True(Sum(rows, Metric.Queries) > 0 && Sum(rows, Metric.RecordsCollected) > 0, $"{regime}: no activity at all");
    }

    public static TheoryData<string, string, int> SingleHazards => new()
    {
        { "breach", "dynamic-balance", Metric.HarmBreachYuan },
        { "memorisation", "use-first", Metric.HarmRegurgitationYuan },
        { "hallucination", "dynamic-balance", Metric.HarmFalseInfoYuan },
        { "malicious users", "dynamic-balance", Metric.HarmFalseInfoYuan },
        { "bias", "use-first", Metric.HarmDiscriminationYuan },
        { "intrusion", "use-first", Metric.HarmIntrusionYuan },
        { "unlawful reuse", "protection-first", Metric.HarmSecondaryUseYuan },
    };

    /// <summary>Switching one hazard back on (at a level high enough to show in 2,000 subjects) harms through its own channel and no other.</summary>
    [Theory]
    [MemberData(nameof(SingleHazards))]
    public void EachHazardAlone_HarmsOnlyThroughItsOwnChannel(string hazard, string regime, int channel)
    {
        var parameters = hazard switch
        {
            "breach" => NoHazards with { BreachProbability24Months = 0.95 },
            "memorisation" => NoHazards with { MemorizationBase = 0.05 },
            "hallucination" => NoHazards with { HallucinationRate = 0.2 },
            "malicious users" => NoHazards with { MaliciousUserShare = 0.05 },
            "bias" => NoHazards with { BiasHazard = 0.5 },
            "intrusion" => NoHazards with { IntrusionHarmProbability = 0.05 },
            "unlawful reuse" => NoHazards with { SecondaryUseHarmProbability = 0.05 },
            _ => throw new ArgumentOutOfRangeException(nameof(hazard)),
        };
        var rows = PlainRun.Run(Spec(regime, 2_000, 600, seed: 5, parameters: parameters));
        Assert.True(Sum(rows, channel) > 0, $"{hazard} alone caused no {Name(channel)}");
        Assert.Equal(Sum(rows, Metric.HarmTotalYuan), Sum(rows, channel));
    }
}
