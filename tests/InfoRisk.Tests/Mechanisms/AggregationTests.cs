using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.Population;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Aggregation (docs/model.md §3.8, Mechanisms/Aggregation.cs): class counts of distinct held subjects, the providers'
/// class tables with ARX-style generalisation and suppression to k-anonymity, prosecutor risk 1/k and re-identification
/// after a breach (linkage × 1/k for pseudonyms).
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class AggregationTests
{
    // ------------------------------------------------------------------ direct

    /// <summary>
    /// CountClasses: per provider, the sorted exact keys of subjects holding at least one record there and the number of
    /// distinct such subjects per key: a subject with 10 records counts once, one with sensitive records only counts,
    /// one holding nothing does not.
    /// </summary>
    [Fact]
    public void CountClasses_CountsDistinctHeldSubjectsPerKey_NotRecords()
    {
        var h = MechanismHarness.For("dynamic-balance", subjects: 6, providers: 2);
        var qi = h.Ctx.Qi;
        int a = qi.Pack(3, 30, 1, 4), b = qi.Pack(0, 5, 0, 0), c = qi.Pack(299, 79, 1, 19);
        int[] keys = [a, a, a, b, a, c];
        for (var i = 0; i < keys.Length; i++) h.Subject(i, qi: keys[i]);
        h.Hold(0, 0, 10);
        h.Hold(1, 0, 1);
        h.Hold(2, 0, 0, 1);
        h.Hold(3, 0, 2);
        h.Hold(5, 1, 3); // subject 4 holds nothing anywhere; subject 5 only at provider 1
        var counts = h.Aggregation.CountClasses();
        Assert.Equal([b, a], counts.Keys[0]);
        Assert.Equal([1, 3], counts.Counts[0]);
        Assert.Equal([c], counts.Keys[1]);
        Assert.Equal([1], counts.Counts[1]);
    }

    /// <summary>
    /// Aggregate without anonymisation keeps level 0 and K = 1. With anonymisation (K = 5, suppression limit 5%): ten
    /// subjects aged 20 and one aged 21 with otherwise equal keys fail level 0 (1 of 11 in a class below K is more than
    /// 0.55) and merge into one class of 11 in the 5-year band of level 1, which is chosen.
    /// </summary>
    [Fact]
    public void Aggregate_GeneralisesToTheFirstLevelWithinTheSuppressionLimit()
    {
        var ctx = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary")));
        var qi = ctx.Qi;
        int tenAt20 = qi.Pack(7, 20, 0, 3), oneAt21 = qi.Pack(7, 21, 0, 3);
        var counts = new ClassCounts { Keys = [[tenAt20, oneAt21]], Counts = [[10, 1]] };

        var plain = Aggregation.Aggregate(ctx, 0, Deidentification.Pseudonymise, [counts]);
        Assert.Equal((0, 1, 11L), (plain.Level, plain.K, plain.HeldSubjects));
        Assert.Equal(10, plain.Sizes[tenAt20]);
        Assert.Equal(1, plain.Sizes[oneAt21]);

        var anonymous = Aggregation.Aggregate(ctx, 0, Deidentification.Anonymise, [counts]);
        Assert.Equal((1, 5, 11L), (anonymous.Level, anonymous.K, anonymous.HeldSubjects));
        Assert.Equal(qi.Generalise(tenAt20, 1), qi.Generalise(oneAt21, 1));
        Assert.Equal(11, anonymous.Sizes[qi.Generalise(tenAt20, 1)]);
        Assert.Equal(11, anonymous.Sizes.Sum());

        // with no suppression budget and a lone subject of the other gender, no level qualifies: level 5 (gender only)
        var lone = new ClassCounts { Keys = [[tenAt20, qi.Pack(7, 20, 1, 3)]], Counts = [[10, 1]] };
        var strict = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary"), new ModelParameters { SuppressionLimit = 0 }));
        Assert.Equal(QuasiIdentifiers.Levels - 1, Aggregation.Aggregate(strict, 0, Deidentification.Anonymise, [lone]).Level);
    }

    /// <summary>
    /// Prosecutor risk and re-identification after a breach, per docs/model.md §3.8: identified data 1; before the first
    /// aggregation k = 1; pseudonyms 1/k and linkage × 1/k (0.8 together, 0.05 apart); anonymised classes 1/k, and a subject
    /// whose class is below K (or who was collected since the aggregation) suppressed into all held subjects.
    /// </summary>
    [Fact]
    public void IdentificationRisk_AndBreachReidentification_FollowThePractice()
    {
        var h = MechanismHarness.For("dynamic-balance", subjects: 3, providers: 1);
        var qi = h.Ctx.Qi;
        int four = qi.Pack(1, 40, 0, 2), two = qi.Pack(2, 60, 1, 7), unseen = qi.Pack(9, 9, 0, 9);
        h.Subject(0, qi: four);
        h.Subject(1, qi: two);
        h.Subject(2, qi: unseen);
        var world = h.World(0);

        world.Providers[0].Deidentification = (int)Deidentification.None;
        Assert.Equal(1.0, h.Aggregation.IdentificationRisk(0, 0, world));
        Assert.Equal(1.0, h.Aggregation.BreachReidentification(0, 0, world));

        world.Providers[0].Deidentification = (int)Deidentification.Pseudonymise;
        Assert.Equal(1.0, h.Aggregation.IdentificationRisk(0, 0, world));          // no table yet: k = 1
        Assert.Equal(0.8, h.Aggregation.BreachReidentification(0, 0, world), 12);  // linkage with identifiers together

        var sizes = new int[qi.KeySpace(0)];
        sizes[four] = 4;
        sizes[two] = 2;
        world.Classes[0] = new ClassTable { Level = 0, Sizes = sizes, K = 1, HeldSubjects = 6 };
        Assert.Equal(0.25, h.Aggregation.IdentificationRisk(0, 0, world), 12);
        Assert.Equal(0.8 / 4, h.Aggregation.BreachReidentification(0, 0, world), 12);
        Assert.Equal(1.0, h.Aggregation.IdentificationRisk(2, 0, world));          // collected since: max(1, 0)
        // identifiers stored apart (the provider's choice, or the regime's requirement): linkage 0.05
        world.Providers[0].SeparateIdentifiers = true;
        Assert.Equal(0.05 / 4, h.Aggregation.BreachReidentification(0, 0, world), 12);
        world.Providers[0].SeparateIdentifiers = false;

        world.Providers[0].Deidentification = (int)Deidentification.Anonymise;
        world.Classes[0] = new ClassTable { Level = 0, Sizes = sizes, K = 5, HeldSubjects = 6 };
        Assert.Equal(1.0 / 6, h.Aggregation.IdentificationRisk(0, 0, world), 12);  // class of 4 < K: suppressed
        Assert.Equal(1.0 / 6, h.Aggregation.IdentificationRisk(2, 0, world), 12);  // collected since, below K: suppressed
        sizes[four] = 5;
        Assert.Equal(0.2, h.Aggregation.IdentificationRisk(0, 0, world), 12);
        Assert.Equal(0.2, h.Aggregation.BreachReidentification(0, 0, world), 12);  // no linkage factor for anonymised data
    }

    [Fact]
    public void CostPerRecord_IsThePracticesCost()
    {
        var p = new ModelParameters();
        Assert.Equal(0.0, Aggregation.CostPerRecord(p, Deidentification.None));
        Assert.Equal(p.PseudonymisationCostYuanPerRecord, Aggregation.CostPerRecord(p, Deidentification.Pseudonymise));
        Assert.Equal(p.AnonymisationCostYuanPerRecord, Aggregation.CostPerRecord(p, Deidentification.Anonymise));
    }

    // ------------------------------------------------------------------ uniqueness and summing the cohorts' counts

    private static readonly ModelParameters UniformQi = new() { RegionZipfExponent = 0, Regions = 10, Ages = 10, Occupations = 10 };

    /// <summary>
    /// N = 2,000 subjects on M = 10 regions x 10 ages x 2 genders x 10 occupations = 2,000 uniform keys. The expected share unique
    /// in their class is (1 - 1/M)^(N-1) = 0.3680. The variance of the number U of unique subjects in one population is exact:
    /// Var U = N p1 + N(N-1) (1 - 1/M)(1 - 2/M)^(N-2) - (N p1)^2. Over R = 40 independent populations (seeds) the mean share has
    /// standard error sqrt(Var U / R) / N (about 0.0018); tolerance 4 standard errors.
    /// </summary>
    [Fact]
    public void UniqueShare_OnUniformQuasiIdentifiers_AgreesWithTheOccupancyFormula()
    {
        const int n = 2_000, replicates = 40;
        var qi = new QuasiIdentifiers(UniformQi);
        var traits = new SubjectTraits(UniformQi, qi);
        var m = qi.KeySpace(0);
        Assert.Equal(2_000, m);

        var p1 = Math.Pow(1 - 1.0 / m, n - 1);
        var pairBothUnique = (1 - 1.0 / m) * Math.Pow(1 - 2.0 / m, n - 2);
        var varU = n * p1 + (double)n * (n - 1) * pairBothUnique - (n * p1) * (n * p1);
        var se = Math.Sqrt(varU / replicates) / n;

        double shareSum = 0;
        for (var r = 0; r < replicates; r++)
        {
            var counts = new int[m];
            var keys = new int[n];
            for (var s = 0; s < n; s++)
            {
                keys[s] = traits.Draw(1000UL + (ulong)r, s).QuasiIdentifierKey;
                counts[keys[s]]++;
            }
            shareSum += keys.Count(k => counts[k] == 1) / (double)n;
        }
        var mean = shareSum / replicates;
        Assert.True(Math.Abs(mean - p1) <= 4 * se, $"unique share {mean:F4}, expected (1 - 1/M)^(N-1) = {p1:F4} +- 4 x {se:F4}");
    }

    /// <summary>
    /// The same check through the provider's aggregation: class counts from three "cohorts" of the population are summed by
    /// <see cref="ProviderModel.Aggregate"/>, and the table's class sizes must give exactly the classes counted directly.
    /// </summary>
    [Fact]
    public void ProviderAggregation_SumsCohortClassCountsExactly()
    {
        const int n = 2_000;
        var spec = Spec("dynamic-balance", n, 10, seed: 77, parameters: UniformQi);
        var ctx = new ModelContext(spec);
        var keys = Enumerable.Range(0, n).Select(s => ctx.Traits.Draw(ctx.Seed, s).QuasiIdentifierKey).ToArray();
        var direct = new int[ctx.Qi.KeySpace(0)];
        foreach (var k in keys) direct[k]++;

        // split into three uneven cohorts, each sending sorted distinct keys and counts for every provider
        ClassCounts Cohort(int first, int count)
        {
            var groups = keys.Skip(first).Take(count).GroupBy(k => k).OrderBy(g => g.Key).ToArray();
            var ks = groups.Select(g => g.Key).ToArray();
            var cs = groups.Select(g => g.Count()).ToArray();
            return new ClassCounts { Keys = [ks, [], ks], Counts = [cs, [], cs] };
        }
        var cohorts = new[] { Cohort(0, 700), Cohort(700, 1), Cohort(701, n - 701) };

        var table = new ProviderModel(ctx, 0).Aggregate(cohorts);
        Assert.Equal(0, table.Level);
        Assert.Equal(n, table.HeldSubjects);
        Assert.Equal(direct, table.Sizes);
        var empty = new ProviderModel(ctx, 1).Aggregate(cohorts);
        Assert.Equal(0, empty.HeldSubjects);
        Assert.All(empty.Sizes, s => Assert.Equal(0, s));
        var uniqueFromTable = keys.Count(k => table.Sizes[k] == 1);
        var uniqueDirect = keys.Count(k => direct[k] == 1);
        Assert.Equal(uniqueDirect, uniqueFromTable);
    }

    // ------------------------------------------------------------------ anonymisation

    /// <summary>
    /// ProviderModel.Aggregate under anonymisation: the chosen generalisation level leaves at most the suppression limit of
    /// held subjects in classes smaller than K (model.md 3.2), and a coarser level is chosen only when the finer one fails.
    /// </summary>
    [Fact]
    public void Anonymisation_GeneralisesUntilAtMostTheSuppressionLimitSitsInSmallClasses()
    {
        var spec = Spec("precautionary", 3_000, 10, seed: 8);
        var ctx = new ModelContext(spec);
        const int k = 5;
        Assert.Equal(k, spec.Regime.KAnonymity);
        var keys = Enumerable.Range(0, 3_000).Select(s => ctx.Traits.Draw(ctx.Seed, s).QuasiIdentifierKey).ToArray();
        var groups = keys.GroupBy(x => x).OrderBy(g => g.Key).ToArray();
        var counts = new ClassCounts
        {
            Keys = [.. Enumerable.Repeat(groups.Select(g => g.Key).ToArray(), 3)],
            Counts = [.. Enumerable.Repeat(groups.Select(g => g.Count()).ToArray(), 3)],
        };
        var table = new ProviderModel(ctx, 0).Aggregate([counts]);
        Assert.Equal(k, table.K);
        Assert.Equal(3_000, table.HeldSubjects);
        Assert.Equal(3_000, table.Sizes.Sum());

        double SmallShare(int level)
        {
            var sizes = new int[ctx.Qi.KeySpace(level)];
            foreach (var key in keys) sizes[ctx.Qi.Generalise(key, level)]++;
            return keys.Count(key => sizes[ctx.Qi.Generalise(key, level)] < k) / 3_000.0;
        }
        Assert.True(SmallShare(table.Level) <= ctx.P.SuppressionLimit, $"level {table.Level} leaves {SmallShare(table.Level):P1} in classes below k");
        for (var level = 0; level < table.Level; level++)
            Assert.True(SmallShare(level) > ctx.P.SuppressionLimit, $"level {level} already met the limit but level {table.Level} was chosen");
    }

    /// <summary>
    /// k-anonymity is a guarantee about every released record: under anonymisation to k &gt;= K, records in classes smaller
    /// than K are suppressed (all quasi-identifiers removed), so no held record's prosecutor risk exceeds 1/K, and the
    /// mean_reid_risk metric never exceeds 1/K. Here the quasi-identifier space is small (300 uniform regions x 1 age x
    /// 2 genders x 1 occupation = 600 keys for about 2,000 held subjects) and the suppression limit is 0.9, so the full-detail
    /// level 0 is accepted with most subjects in classes below K: they must then be suppressed, not published at risk 1/k.
    /// </summary>
    [Fact]
    public void Anonymisation_SuppressesSmallClasses_EvenWhenNoGeneralisationIsNeeded()
    {
        var parameters = new ModelParameters { Regions = 300, RegionZipfExponent = 0, Ages = 1, Occupations = 1, SuppressionLimit = 0.9 };
        var regime = RegimeCatalog.Get("precautionary");
        var rows = PlainRun.Run(Spec(regime, 2_000, 600, seed: 12, ticks: 200, parameters: parameters));
        var bound = TickRow.RatioScale / regime.KAnonymity;
        var over = rows.Where(r => r.Values[Metric.MeanReidRisk] > bound).ToArray();
        Assert.True(over.Length == 0,
            $"mean_reid_risk above 1/K = {1.0 / regime.KAnonymity} in {over.Length} ticks under anonymisation to k >= {regime.KAnonymity}, " +
            $"e.g. tick {over.FirstOrDefault()?.Tick}: {over.FirstOrDefault()?.Value(Metric.MeanReidRisk)}");
    }

    /// <summary>
    /// Precautionary anonymises to k &gt;= K (5): every held record's risk is at most 1/K, so its mean re-identification risk is at
    /// most 1/K in every tick, and "far below" dynamic balance's (which only pseudonymises): less than a tenth of it on average.
    /// (The shared 20,000-subject runs.)
    /// </summary>
    [Fact]
    public void Precautionary_ReidentificationRisk_IsFarBelowDynamicBalance()
    {
        var precautionary = RegimeCatalog.Get("precautionary");
        Assert.Equal(Deidentification.Anonymise, precautionary.Deidentification);
        var bound = TickRow.RatioScale / precautionary.KAnonymity;
        var rows = Large("precautionary");
        foreach (var row in rows)
            Assert.True(row.Values[Metric.MeanReidRisk] <= bound, $"tick {row.Tick}: precautionary mean_reid_risk {row.Value(Metric.MeanReidRisk)} > 1/K");
        var mp = Mean(rows, Metric.MeanReidRisk);
        var md = Mean(Large("dynamic-balance"), Metric.MeanReidRisk);
        Assert.True(mp < 0.1 * md, $"precautionary mean risk {mp / 1e6:F4} not far below dynamic balance {md / 1e6:F4}");
    }
}
