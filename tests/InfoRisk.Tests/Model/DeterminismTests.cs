using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Determinism of whole runs (docs/model.md §5): the same seed gives identical rows whatever the cohort size (which splits
/// both subjects and users into cohorts), on a rerun, after a JSON round trip and when advanced in slices; a different seed
/// gives different rows.
/// </summary>
public class DeterminismTests
{
    // 2,600 subjects and 2,100 users: cohort size 500 gives 6 subject and 5 user cohorts with ragged last ones,
    // 1,024 gives 3 and 3, 8,192 gives 1 and 1.
    private static RunSpec SpecFor(string regime, int cohortSize, ulong seed = 2024) =>
        Spec(regime, 2_600, 2_100, seed: seed, ticks: 365, cohortSize: cohortSize,
            // more breaches and litigation than the defaults, so that every phase produces numbers to compare
            parameters: new ModelParameters { BreachProbability24Months = 0.8, LitigationCostYuan = 1_000, MaliciousUserShare = 0.02 });

    private static void AssertIdentical(TickRow[] expected, TickRow[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var t = 0; t < expected.Length; t++)
        {
            Assert.Equal(expected[t].Tick, actual[t].Tick);
            if (expected[t].Values.AsSpan().SequenceEqual(actual[t].Values)) continue;
            var m = Enumerable.Range(0, Metric.Count).First(k => expected[t].Values[k] != actual[t].Values[k]);
            Assert.Fail($"{what}: tick {t}, {Name(m)}: {expected[t].Values[m]} vs {actual[t].Values[m]}");
        }
    }

    [Theory]
    [MemberData(nameof(BuiltInRegimes), MemberType = typeof(ModelRuns))]
    public void SameSeed_GivesIdenticalRows_WhateverTheCohortSize_AndOnARerun(string regime)
    {
        var reference = PlainRun.Run(SpecFor(regime, 8_192));
        Assert.Equal(1, SpecFor(regime, 8_192).SubjectCohorts);
        Assert.Equal(6, SpecFor(regime, 500).SubjectCohorts);
        Assert.Equal(5, SpecFor(regime, 500).UserCohorts);
        // the comparison is not vacuous: harm, claims and breaches happened
        Assert.True(Sum(reference, Metric.HarmTotalYuan) > 0 && Sum(reference, Metric.ClaimsFiled) > 0 && Sum(reference, Metric.Breaches) > 0,
            $"{regime}: a quiet run, the comparison would prove little");

        AssertIdentical(reference, PlainRun.Run(SpecFor(regime, 8_192)), $"{regime} rerun");
        AssertIdentical(reference, PlainRun.Run(SpecFor(regime, 1_024)), $"{regime} cohort size 1,024");
        AssertIdentical(reference, PlainRun.Run(SpecFor(regime, 500)), $"{regime} cohort size 500");
    }

    [Theory]
    [MemberData(nameof(BuiltInRegimes), MemberType = typeof(ModelRuns))]
    public void DifferentSeed_GivesDifferentRows(string regime)
    {
        var a = PlainRun.Run(SpecFor(regime, 8_192, seed: 1) with { Ticks = 120 });
        var b = PlainRun.Run(SpecFor(regime, 8_192, seed: 2) with { Ticks = 120 });
        var differing = Enumerable.Range(0, a.Length).Count(t => !a[t].Values.AsSpan().SequenceEqual(b[t].Values));
        // nearly every tick differs (collection alone is random every tick); demand at least 90% of them
        Assert.True(differing >= 0.9 * a.Length, $"{regime}: only {differing} of {a.Length} ticks differ between seeds 1 and 2");
        Assert.NotEqual(Sum(a, Metric.RecordsCollected), Sum(b, Metric.RecordsCollected));
    }

    [Fact]
    public void RunSpec_RoundTripsThroughJson_AndTheRoundTrippedSpecGivesTheSameRows()
    {
        var spec = SpecFor("precautionary", 1_024) with { Ticks = 90 };
        var again = RunSpec.FromJson(spec.ToJson());
        Assert.Equal(spec.ToJson(), again.ToJson());
        AssertIdentical(PlainRun.Run(spec), PlainRun.Run(again), "JSON round trip");
    }

    /// <summary>Running in slices (as the Orleans coordinator does) gives the same rows as one call.</summary>
    [Fact]
    public async Task AdvancingInSlices_GivesTheSameRowsAsOneCall()
    {
        var spec = SpecFor("dynamic-balance", 1_024) with { Ticks = 100 };
        var whole = PlainRun.Run(spec);
        var protocol = new RunProtocol(spec, new PlainRunParts(spec));
        await protocol.InitialiseAsync();
        var rows = new List<TickRow>();
        foreach (var slice in new[] { 1, 29, 30, 7, 50 }) rows.AddRange(await protocol.AdvanceAsync(slice));
        Assert.True(protocol.Finished);
        Assert.Equal(100, rows.Count);
        AssertIdentical(whole, [.. rows], "sliced run");
    }
}
