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
    /// <summary>
    /// A class's probability, read from per-level tables of areas and dates, equals the definition: the sum of the exact keys'
    /// probabilities (area share × 1/dates × 1/2) over every key that the hierarchy (AreaIndex, DateIndex, sex) puts in the
    /// same class. Checked for every key and level of a small population (7 Zipf areas, 3 districts, 11 birth years).
    /// </summary>
    [Fact]
    public void ClassProbabilityByTables_EqualsTheSumOverTheClassesKeys()
    {
        var qi = new QuasiIdentifiers(new ModelParameters { Areas = 7, Districts = 3, BirthYears = 11, AreaZipfExponent = 1.0 });
        var keys = qi.Areas * qi.Dates * QuasiIdentifiers.Sexes;
        for (var level = 0; level < QuasiIdentifiers.Levels; level++)
        {
            var sums = new Dictionary<(int, int, int), double>();
            (int, int, int) Class(int key)
            {
                var (area, date, sex) = qi.Unpack(key);
                return (qi.AreaIndex(area, level), qi.DateIndex(date, level), sex);
            }
            for (var key = 0; key < keys; key++)
            {
                var area = qi.Unpack(key).Area;
                sums[Class(key)] = sums.GetValueOrDefault(Class(key)) + qi.AreaShares[area] / qi.Dates / QuasiIdentifiers.Sexes;
            }
            Assert.Equal(1.0, sums.Values.Sum(), 9);
            for (var key = 0; key < keys; key += 7)
            {
                var expected = sums[Class(key)];
                var actual = qi.Probability(key, level);
                if (Math.Abs(actual - expected) > 1e-12 * Math.Max(1, 1 / expected)) Assert.Fail($"level {level}, key {key}: {actual} vs {expected}");
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
