using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Population;
using InfoRisk.Model.Randomness;

namespace InfoRisk.Tests.Model;

/// <summary>
/// The fast paths added for speed (docs/performance.md) compute exactly what the definitions they replace compute:
/// generalisation by table look-ups, lazily keyed draw sequences, Poisson draws with a precomputed exp(−mean).
/// </summary>
public class PerfEquivalenceTests
{
    [Theory]
    [InlineData(300, 80, 20, 31)]
    [InlineData(7, 13, 3, 5)]
    public void GeneraliseByTables_EqualsTheFieldDefinition_ForEveryKeyAndLevel(int regions, int ages, int occupations, int provinces)
    {
        var qi = new QuasiIdentifiers(new ModelParameters { Regions = regions, Ages = ages, Occupations = occupations, Provinces = provinces });
        var keys = qi.KeySpace(0);
        Assert.Equal(regions * ages * QuasiIdentifiers.Genders * occupations, keys);
        for (var level = 0; level < QuasiIdentifiers.Levels; level++)
        {
            var space = qi.KeySpace(level);
            for (var key = 0; key < keys; key++)
            {
                var (region, age, gender, occupation) = qi.Unpack(key);
                var expected = qi.GeneraliseFields(region, age, gender, occupation, level);
                var actual = qi.Generalise(key, level);
                if (actual != expected) Assert.Fail($"level {level}, key {key}: {actual} vs {expected}");
                if (actual < 0 || actual >= space) Assert.Fail($"level {level}, key {key}: {actual} outside 0..{space - 1}");
            }
        }
    }

    [Fact]
    public void LazyDrawSequence_GivesTheEagerSequencesDraws()
    {
        for (var entity = 0L; entity < 200; entity++)
        {
            var eager = new DrawSequence(99, RandomStream.Rights, entity, (int)(entity % 7));
            var lazy = new LazyDrawSequence(99, RandomStream.Rights, entity, (int)(entity % 7));
            foreach (var counter in new[] { 320, 0, 5, 256 })
                Assert.Equal(eager.Uniform(counter), lazy.Uniform(counter));
        }
        Assert.NotEqual(new DrawSequence(99, RandomStream.Rights, 1, 0).Uniform(0), new LazyDrawSequence(99, RandomStream.Rights, 2, 0).Uniform(0));
    }

    [Theory]
    [InlineData(0.44)]
    [InlineData(2.5)]
    [InlineData(0.0002)]
    public void PoissonWithPrecomputedExp_EqualsPoisson(double mean)
    {
        var exp = Math.Exp(-mean);
        for (var entity = 0L; entity < 2_000; entity++)
        {
            var d = new DrawSequence(5, RandomStream.UserActivity, entity, 3);
            Assert.Equal(d.Poisson(2, mean), d.Poisson(2, mean, exp));
        }
    }
}

/// <summary>The stocks a cohort keeps up to date as records change equal a full recount from its arrays, at every tick.</summary>
public class PerfStockTests
{
    [Theory]
    [InlineData("protection-first", false)]
    [InlineData("use-first", false)]
    [InlineData("dynamic-balance", true)]
    [InlineData("precautionary", false)]
    [InlineData("precautionary", true)]
    public async Task KeptStocks_EqualARecount_AtEveryTick(string regime, bool unlearning)
    {
        // frequent breaches, deletions and restrictions so that every kind of change happens; short epochs so that
        // tables change often; deletion with and without unlearning
        var spec = ModelRuns.Spec(RegimeCatalog.Get(regime) with { UnlearningOnDeletion = unlearning }, 3_000, 1_200, seed: 11, ticks: 120, cohortSize: 1_024,
            parameters: new ModelParameters { BreachProbability24Months = 0.8, EpochTicks = 20, AwarenessPerDay = 0.05, ScrapeRatePerDay = 0.05 });
        var parts = new PlainRunParts(spec);
        var protocol = new RunProtocol(spec, parts);
        await protocol.InitialiseAsync();
        var changes = 0L;
        long[]? previous = null;
        while (!protocol.Finished)
        {
            await protocol.AdvanceAsync(1);
            foreach (var cohort in parts.SubjectCohorts)
            {
                var (kept, recounted) = cohort.StocksKeptAndRecounted();
                Assert.Equal(recounted, kept);
            }
            var first = parts.SubjectCohorts[0].StocksKeptAndRecounted().Kept;
            if (previous is not null && !previous.AsSpan().SequenceEqual(first)) changes++;
            previous = first;
        }
        Assert.True(changes > 30, $"the stocks changed on only {changes} ticks: the test would not see a stale stock");
    }
}
