using InfoRisk.Grains;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Engine;

/// <summary>The Orleans engine against the plain loop: same model code, same results, bit for bit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainEngineTests(ClusterFixture fixture)
{
    private static RunSpec Spec(string id, int cohortSize, string regime = "precautionary", ulong seed = 11) => new()
    {
        RunId = id,
        Seed = seed,
        Ticks = 75,
        CohortSize = cohortSize,
        Population = new Population { Subjects = 2_500, Users = 800, Providers = 3, Deployers = 7 },
        Regime = RegimeCatalog.Get(regime),
    };

    private async Task<TickRow[]> RunOnGrainsAsync(RunSpec spec, int chunk)
    {
        var coordinator = fixture.Cluster.Client.GetGrain<IRunCoordinatorGrain>(spec.RunId);
        await coordinator.Initialise(spec.ToJson());
        var rows = new List<TickRow>();
        while (rows.Count < spec.Ticks) rows.AddRange(await coordinator.Advance(chunk));
        await coordinator.Release();
        return [.. rows];
    }

    private static void AssertSameRows(TickRow[] expected, TickRow[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Tick, actual[t].Tick);
            for (var m = 0; m < Metric.Count; m++)
            {
                if (expected[t].Values[m] != actual[t].Values[m])
                    Assert.Fail($"tick {t}, {Metric.All[m].Name}: plain {expected[t].Values[m]}, grains {actual[t].Values[m]}");
            }
        }
    }

    [Theory]
    [InlineData("precautionary", 2_500, 30)]
    [InlineData("use-first", 700, 7)]
    [InlineData("dynamic-balance", 1_024, 75)]
    public async Task GrainsReproduceThePlainLoopExactly(string regime, int cohortSize, int chunk)
    {
        var plain = PlainRun.Run(Spec("plain", 8_192, regime));
        var grains = await RunOnGrainsAsync(Spec($"grain-{regime}-{cohortSize}", cohortSize, regime), chunk);
        AssertSameRows(plain, grains);
        // the run did something: harm and collection are not all zero
        Assert.True(grains.Sum(r => r.Values[Metric.RecordsCollected]) > 0);
    }
}
