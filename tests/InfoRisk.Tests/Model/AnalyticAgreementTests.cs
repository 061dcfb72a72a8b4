using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.Population;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Analytic agreement (model.md section 6), statistical with fixed seeds and a stated tolerance:
/// breach counts against the hazard, the share of subjects unique on uniform quasi-identifiers against (1 - 1/M)^(N-1),
/// memorised counts against the memorisation probability.
/// </summary>
public class AnalyticAgreementTests
{
    // ------------------------------------------------------------------ breaches

    /// <summary>
    /// BreachHazard.Draw over n (seed, tick) draws at a fixed security: the count of breaches is Binomial(n, h) with h the daily
    /// hazard. Tolerance: 4 standard errors, sqrt(n h (1 - h)).
    /// </summary>
    [Theory]
    [InlineData(0.279, 0.5, 4_000_000)]  // Ponemon default: h ~ 4.5e-4, about 1,790 breaches
    [InlineData(0.279, 0.9, 2_000_000)]  // well secured: h ~ 1.3e-4
    [InlineData(0.99, 0.0, 200_000)]     // insecure and breach-prone: h ~ 0.028
    public void BreachDraws_AgreeWithTheDailyHazard(double probability24Months, double security, int n)
    {
        var p = new ModelParameters { BreachProbability24Months = probability24Months };
        var h = BreachHazard.Daily(p, security);
        var breaches = 0;
        for (var k = 0; k < n; k++)
        {
            var d = new DrawSequence((ulong)(k / 1000) + 1, RandomStream.ProviderPlan, 0, k % 1000);
            if (BreachHazard.Draw(p, security, d) > 0) breaches++;
        }
        var expected = n * h;
        var se = Math.Sqrt(n * h * (1 - h));
        Assert.True(Math.Abs(breaches - expected) <= 4 * se, $"{breaches} breaches in {n} draws, expected {expected:F1} +- 4 x {se:F1}");
    }

    /// <summary>
    /// The exposed share is a Pareto(min, alpha) truncated at 1: P(share &gt; x) = (min / x)^alpha for min &lt;= x &lt; 1, and
    /// P(share = 1) = min^alpha. Checked on about 16,000 breaches, tolerance 4 binomial standard errors for each tail
    /// probability, and 4 standard errors of the sample mean against BreachHazard.ExpectedShare.
    /// </summary>
    [Fact]
    public void BreachShares_FollowTheTruncatedPareto()
    {
        var p = new ModelParameters { BreachProbability24Months = 0.999999 };
        var shares = new List<double>();
        for (var k = 0; k < 200_000; k++)
        {
            var s = BreachHazard.Draw(p, 0.0, new DrawSequence(99, RandomStream.ProviderPlan, k, 7));
            if (s > 0) shares.Add(s);
        }
        var n = shares.Count;
        Assert.True(n > 10_000, $"only {n} breaches");
        Assert.All(shares, s => Assert.InRange(s, p.BreachShareMin, 1.0));
        foreach (var x in new[] { 0.01, 0.05, 0.2, 0.999999 })
        {
            var expected = Math.Pow(p.BreachShareMin / x, p.BreachSharePareto);
            var observed = shares.Count(s => s > x) / (double)n;
            var se = Math.Sqrt(expected * (1 - expected) / n);
            Assert.True(Math.Abs(observed - expected) <= 4 * se, $"P(share > {x}) = {observed:F5}, expected {expected:F5} +- 4 x {se:F5}");
        }
        var mean = shares.Average();
        var sd = Math.Sqrt(shares.Sum(s => (s - mean) * (s - mean)) / (n - 1));
        var expectedMean = BreachHazard.ExpectedShare(p);
        Assert.True(Math.Abs(mean - expectedMean) <= 4 * sd / Math.Sqrt(n), $"mean share {mean:F5}, expected {expectedMean:F5} +- 4 x {sd / Math.Sqrt(n):F5}");
    }

    // ------------------------------------------------------------------ uniqueness

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

    /// <summary>Regions are Zipf-distributed: with exponent 1 and R regions, P(region r) = (1/(r+1)) / H_R. Tolerance 4 binomial standard errors.</summary>
    [Fact]
    public void Regions_FollowTheZipfLaw()
    {
        var p = new ModelParameters { Regions = 50, RegionZipfExponent = 1.0 };
        var qi = new QuasiIdentifiers(p);
        var traits = new SubjectTraits(p, qi);
        const int n = 100_000;
        var counts = new int[p.Regions];
        for (var s = 0; s < n; s++) counts[qi.Unpack(traits.Draw(5, s).QuasiIdentifierKey).Region]++;
        var harmonic = Enumerable.Range(1, p.Regions).Sum(r => 1.0 / r);
        foreach (var r in new[] { 0, 1, 4, 49 })
        {
            var expected = 1.0 / (r + 1) / harmonic;
            var se = Math.Sqrt(expected * (1 - expected) / n);
            var observed = counts[r] / (double)n;
            Assert.True(Math.Abs(observed - expected) <= 4 * se, $"region {r}: share {observed:F5}, expected {expected:F5} +- 4 x {se:F5}");
        }
    }

    // ------------------------------------------------------------------ memorisation

    [Fact]
    public void MemorisationProbability_IsLogLinearInDuplicationAndModelSize()
    {
        var p = new ModelParameters();
        var ctx = new ModelContext(Spec("dynamic-balance", 10, 1, parameters: p));
        // Carlini et al. 2023: a 6B model memorises about 1% of its (unduplicated) training data
        Assert.Equal(0.01, Memorisation.Table(ctx.P)[1], 12);
        Assert.Equal(0.0, Memorisation.Table(ctx.P)[0]);
        foreach (var dup in new[] { 2, 8, 50, 255 })
            Assert.Equal(p.MemorizationBase * (1 + p.MemorizationDuplicationSlope * Math.Log(dup)), Memorisation.Table(ctx.P)[dup], 12);
        for (var dup = 2; dup < 256; dup++)
            Assert.True(Memorisation.Table(ctx.P)[dup] > Memorisation.Table(ctx.P)[dup - 1], $"not increasing at duplication {dup}");
        var big = new ModelContext(Spec("dynamic-balance", 10, 1, parameters: p with { ModelSizeBillion = 60 }));
        Assert.Equal(0.01 * (1 + 0.3 * Math.Log(10)), Memorisation.Table(big.P)[1], 12);
    }

    /// <summary>
    /// Memorised counts against the memorisation probability, through whole training epochs. With deletion and restriction
    /// switched off, every record a subject has at a provider at a training tick is trainable, and the number memorised is
    /// Binomial(h, pm(h)) with h = min(records, 255) and pm = ModelContext.MemorizationByDuplication. The records_memorized stock
    /// after training ticks 30 and 60 is compared with sum h pm(h) over (subject, provider) pairs read from the cohorts;
    /// tolerance 4 standard errors, sqrt(sum h pm (1 - pm)). Between training ticks the stock must not change.
    /// </summary>
    [Fact]
    public async Task MemorisedRecords_AgreeWithTheMemorisationProbability()
    {
        var parameters = new ModelParameters { DeletionPropensity = 0, RestrictionPropensity = 0, RestrictionAfterFalseInfo = 0, MemorizationBase = 0.03 };
        var spec = Spec("use-first", 4_000, 1_200, seed: 21, ticks: 61, cohortSize: 1_500, parameters: parameters);
        var ctx = new ModelContext(spec);
        var parts = new PlainRunParts(spec);
        var protocol = new RunProtocol(spec, parts);
        await protocol.InitialiseAsync();

        var rows = new List<TickRow>();
        double expected = 0, variance = 0;
        long observed = 0;
        foreach (var upTo in new[] { 31, 61 })
        {
            rows.AddRange(await protocol.AdvanceAsync(upTo - rows.Count));
            var trainingRow = rows[upTo - 1];
            Assert.True(RunProtocol.IsTrainingTick(spec, trainingRow.Tick), $"tick {trainingRow.Tick} is not a training tick");
            foreach (var cohort in parts.SubjectCohorts)
            {
                for (var i = 0; i < cohort.Count; i++)
                {
                    for (var p = 0; p < spec.Population.Providers; p++)
                    {
                        var h = Math.Min(255, cohort.HeldRecords(i, p));
                        var pm = Memorisation.Table(ctx.P)[h];
                        expected += h * pm;
                        variance += h * pm * (1 - pm);
                    }
                }
            }
            observed += trainingRow.Values[Metric.RecordsMemorized];
        }
        Assert.True(expected > 500, $"only {expected:F0} records expected to be memorised: the check has no power");
        var se = Math.Sqrt(variance);
        Assert.True(Math.Abs(observed - expected) <= 4 * se, $"memorised {observed}, expected {expected:F1} +- 4 x {se:F1}");

        for (var t = 31; t < 60; t++)
            Assert.True(rows[t].Values[Metric.RecordsMemorized] == rows[30].Values[Metric.RecordsMemorized], $"memorised stock changed at tick {t} between training ticks");
    }

    // ------------------------------------------------------------------ the draw primitives

    /// <summary>Binomial(n, p) as Bernoulli sums: over 50,000 sequences the mean is n p and the variance n p (1 - p). Tolerance 4 standard errors of the mean; variance within 5%.</summary>
    [Theory]
    [InlineData(20, 0.3)]
    [InlineData(255, 0.0204)]
    [InlineData(6, 0.25)]
    public void Binomial_HasMeanNpAndVarianceNpq(int trials, double p)
    {
        const int draws = 50_000;
        var xs = new double[draws];
        for (var k = 0; k < draws; k++) xs[k] = new DrawSequence(8, RandomStream.Training, k, 3).Binomial(512, trials, p);
        var mean = xs.Average();
        var variance = xs.Sum(x => (x - mean) * (x - mean)) / (draws - 1);
        var np = trials * p;
        var npq = np * (1 - p);
        Assert.True(Math.Abs(mean - np) <= 4 * Math.Sqrt(npq / draws), $"Binomial({trials}, {p}) mean {mean:F4}, expected {np:F4} +- 4 x {Math.Sqrt(npq / draws):F4}");
        Assert.True(Math.Abs(variance / npq - 1) <= 0.05, $"Binomial({trials}, {p}) variance {variance:F4}, expected {npq:F4} within 5%");
        Assert.All(xs, x => Assert.InRange(x, 0, trials));
        Assert.Equal(0, new DrawSequence(8, RandomStream.Training, 1, 1).Binomial(0, trials, 0.0));
        Assert.Equal(trials, new DrawSequence(8, RandomStream.Training, 1, 1).Binomial(0, trials, 1.0));
    }

    /// <summary>Poisson by inversion: mean and variance equal the parameter. Tolerance 4 standard errors of the mean; variance within 5%.</summary>
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.44)]
    [InlineData(7.0)]
    [InlineData(30.0)]
    public void Poisson_HasMeanAndVarianceLambda(double lambda)
    {
        const int draws = 50_000;
        var xs = new double[draws];
        for (var k = 0; k < draws; k++) xs[k] = new DrawSequence(9, RandomStream.UserActivity, k, 1).Poisson(0, lambda);
        var mean = xs.Average();
        var variance = xs.Sum(x => (x - mean) * (x - mean)) / (draws - 1);
        Assert.True(Math.Abs(mean - lambda) <= 4 * Math.Sqrt(lambda / draws), $"Poisson({lambda}) mean {mean:F4}, expected {lambda} +- 4 x {Math.Sqrt(lambda / draws):F4}");
        Assert.True(Math.Abs(variance / lambda - 1) <= 0.05, $"Poisson({lambda}) variance {variance:F4}, expected {lambda} within 5%");
    }

    /// <summary>Exponential waiting times: mean equals the parameter. Tolerance 4 standard errors (sd = mean).</summary>
    [Fact]
    public void Exponential_HasTheGivenMean()
    {
        const int draws = 50_000;
        const double mean = 60.0;
        var sum = 0.0;
        for (var k = 0; k < draws; k++)
        {
            var x = new DrawSequence(10, RandomStream.Harm, k, 2).Exponential(4, mean);
            Assert.True(x >= 0 && double.IsFinite(x), $"exponential draw {x}");
            sum += x;
        }
        var se = mean / Math.Sqrt(draws);
        Assert.True(Math.Abs(sum / draws - mean) <= 4 * se, $"exponential mean {sum / draws:F3}, expected {mean} +- 4 x {se:F3}");
    }
}
