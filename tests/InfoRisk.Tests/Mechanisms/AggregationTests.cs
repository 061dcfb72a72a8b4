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
/// Aggregation (docs/model.md §3.8, Mechanisms/Aggregation.cs, Population/Reidentification.cs): re-identification against
/// the represented population, the cohorts' reports, the providers' generalisation and suppression to k-anonymity of
/// population classes, and re-identification after a breach (linkage × risk for pseudonyms). The expected values are
/// computed here from the formulas of population-risk.md, not read from the program.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class AggregationTests
{
    /// <summary>E[1 / (1 + X)], X ~ Poisson(λ): the chance of picking the right one of the people sharing a key.</summary>
    private static double InverseClassSize(double lambda) => (1 - Math.Exp(-lambda)) / lambda;

    /// <summary>Uniform quasi-identifiers: 10 areas of equal size, one birth year, two sexes: 7,300 keys of probability 1/7,300.</summary>
    private static readonly ModelParameters Uniform = new() { AreaZipfExponent = 0, Areas = 10, Districts = 5, BirthYears = 1 };

    private const int UniformKeys = 10 * 365 * 2;

    // ------------------------------------------------------------------ the risk of one record

    /// <summary>
    /// With uniform keys the class probabilities are known by hand: 1/7,300 exact; 1/(10 × 12 × 2) by birth month (months
    /// of 28 to 31 days: checked on a 31-day month); 1/(10 × 2) by birth year; 1/(5 × 2) by district; 1/2 with sex only.
    /// The risk is E[1/(1 + X)] with λ = (P − 1) π, and a class is small when 1 + λ &lt; K.
    /// </summary>
    [Fact]
    public void Risk_IsTheExpectedInverseClassSizeInTheRepresentedPopulation()
    {
        var qi = new QuasiIdentifiers(Uniform);
        const double population = 100_000;
        var january = qi.Pack(3, 10, 1); // area 3, 11 January of the only birth year, second sex
        Assert.Equal(1.0 / UniformKeys, qi.Probability(january, 0), 14);
        Assert.Equal(31.0 / UniformKeys, qi.Probability(january, 1), 14);
        Assert.Equal(1.0 / 20, qi.Probability(january, 2), 12);
        Assert.Equal(1.0 / 10, qi.Probability(january, 3), 12);
        Assert.Equal(1.0 / 2, qi.Probability(january, 6), 12);
        Assert.Equal(InverseClassSize((population - 1) / UniformKeys), qi.Risk(january, 0, population), 12);
        Assert.Equal(InverseClassSize((population - 1) / 20), qi.Risk(january, 2, population), 12);
        // λ = 99,999 / 7,300 = 13.7: not small for K = 5 or 14, small for K = 15
        Assert.False(qi.Small(january, 0, population, 14));
        Assert.True(qi.Small(january, 0, population, 15));
        // λ → 0: a unique record is identified for sure
        Assert.Equal(1.0, QuasiIdentifiers.RiskOf(0), 12);
        Assert.Equal(1 - 1e-5 / 2 + 1e-10 / 6, QuasiIdentifiers.RiskOf(1e-5), 14); // the series to λ², error below λ³/24
    }

    /// <summary>
    /// The check of population uniqueness against a known answer. A population of P = 60,000 people is drawn with
    /// the model's own trait draws on M = 7,300 uniform keys, then on M = 73,000 (10 birth years), so that λ = (P − 1)/M is
    /// 8.2 and 0.82. For sampling fractions f = 1, 0.1 and 0.02 (the first f·P people: the draws are independent), the
    /// share of the sample that is unique in the population must match e^{−λ} and the sample's mean 1/F must match
    /// (1 − e^{−λ})/λ, each within 4 standard errors of the sample mean.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void PopulationUniqueness_OfASample_MatchesTheAnalyticValue(int birthYears)
    {
        const int population = 60_000;
        var parameters = Uniform with { BirthYears = birthYears };
        var qi = new QuasiIdentifiers(parameters);
        var traits = new SubjectTraits(parameters, qi);
        var keys = new int[population];
        var sizes = new Dictionary<int, int>();
        for (var s = 0; s < population; s++)
        {
            keys[s] = traits.Draw(2024, s).QuasiIdentifierKey;
            sizes[keys[s]] = sizes.GetValueOrDefault(keys[s]) + 1;
        }
        double m = UniformKeys * birthYears, lambda = (population - 1) / m;
        foreach (var fraction in new[] { 1.0, 0.1, 0.02 })
        {
            var n = (int)(population * fraction);
            var unique = keys.Take(n).Select(k => sizes[k] == 1 ? 1.0 : 0.0).ToArray();
            var inverse = keys.Take(n).Select(k => 1.0 / sizes[k]).ToArray();
            var u = Math.Exp(-lambda);
            Within(unique, u, $"population uniqueness at f = {fraction}, λ = {lambda:F2}", Math.Sqrt(u * (1 - u) / n));
            Within(inverse, InverseClassSize(lambda), $"mean 1/F at f = {fraction}, λ = {lambda:F2}");
            Within(inverse, keys.Take(n).Average(k => qi.Risk(k, 0, population)), $"mean model risk at f = {fraction}");
        }
    }

    /// <summary>
    /// With skewed areas (Zipf exponent 0.7 over 50 areas, one birth year) the analytic population uniqueness
    /// Σ π_k e^{−(P−1)π_k} (<see cref="QuasiIdentifiers.Uniqueness"/>) must match the share of an explicitly drawn population
    /// of 40,000 that is unique, within 4 standard errors.
    /// </summary>
    [Fact]
    public void PopulationUniqueness_WithSkewedAreas_MatchesTheSuperpopulationFormula()
    {
        const int population = 40_000;
        var parameters = new ModelParameters { Areas = 50, Districts = 5, AreaZipfExponent = 0.7, BirthYears = 1 };
        var qi = new QuasiIdentifiers(parameters);
        var traits = new SubjectTraits(parameters, qi);
        var keys = Enumerable.Range(0, population).Select(s => traits.Draw(99, s).QuasiIdentifierKey).ToArray();
        var sizes = keys.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        var expected = qi.Uniqueness(population);
        Assert.InRange(expected, 0.05, 0.95); // a check worth making: neither all nor none unique
        Within([.. keys.Select(k => sizes[k] == 1 ? 1.0 : 0.0)], expected, "uniqueness with Zipf areas", Math.Sqrt(expected * (1 - expected) / population));
    }

    /// <summary>The sample mean within 4 standard errors of the expected value (the sample's own, or a binomial one given).</summary>
    private static void Within(double[] sample, double expected, string what, double? standardError = null)
    {
        var mean = sample.Average();
        var sd = Math.Sqrt(sample.Sum(x => (x - mean) * (x - mean)) / (sample.Length - 1));
        var se = standardError ?? sd / Math.Sqrt(sample.Length);
        Assert.True(Math.Abs(mean - expected) <= 4 * se, $"{what}: {mean:F5}, expected {expected:F5} ± 4 × {se:F5}");
    }

    // ------------------------------------------------------------------ cohorts' reports and the providers' aggregation

    /// <summary>
    /// CountClasses: per provider, the distinct held subjects by the level at which their population class reaches K, and
    /// their risk in millionths: a subject with 10 records counts once, one with sensitive records only counts, one holding
    /// nothing does not. Uniform keys, P = 40,000 and K = 5 (precautionary): λ = 5.48 exact, so every key is safe at level 0.
    /// </summary>
    [Fact]
    public void CountClasses_CountsDistinctHeldSubjects_WithTheirRisk()
    {
        var h = MechanismHarness.For("precautionary", Uniform, subjects: 6, providers: 2, represents: 40_000);
        var qi = h.Ctx.Qi;
        int a = qi.Pack(3, 30, 1), b = qi.Pack(0, 5, 0), c = qi.Pack(9, 364, 1);
        int[] keys = [a, a, a, b, a, c];
        for (var i = 0; i < keys.Length; i++) h.Subject(i, qi: keys[i]);
        h.Hold(0, 0, 10);
        h.Hold(1, 0, 1);
        h.Hold(2, 0, 0, 1);
        h.Hold(3, 0, 2);
        h.Hold(5, 1, 3); // subject 4 holds nothing anywhere; subject 5 only at provider 1
        var counts = h.Aggregation.CountClasses();
        const int levels = QuasiIdentifiers.Levels;
        Assert.Equal(4, counts.BySafeLevel[0]);
        Assert.Equal(4, counts.BySafeLevel.Take(levels + 1).Sum());
        Assert.Equal(1, counts.BySafeLevel[levels + 1]);
        var micros = (long)Math.Round(1e6 * InverseClassSize((40_000 - 1.0) / UniformKeys));
        Assert.Equal(4 * micros, counts.ExactRiskMicros[0]);
        Assert.Equal(micros, counts.ExactRiskMicros[1]);
        Assert.Equal(4 * micros, counts.SafeRiskMicros[0]);
        Assert.Equal(4 * (long)Math.Round(1e6 * InverseClassSize((40_000 - 1.0) / 20)), counts.SafeRiskMicros[2]);
    }

    /// <summary>
    /// A provider generalises to the least level at which at most suppression_limit of its held subjects must be suppressed:
    /// of 100 held subjects, 90 are safe from level 2, 6 from level 3 and 4 at no level. With a 5% limit, level 2 would
    /// suppress 10 and level 3 suppresses 4: level 3, and the anonymised risk is (the safe subjects' risk + 4/P) / 100. With
    /// no suppression allowed no level qualifies and the coarsest (6) is taken. Only an anonymising provider releases it.
    /// </summary>
    [Fact]
    public void Aggregate_GeneralisesToTheFirstLevelWithinTheSuppressionLimit()
    {
        const int levels = QuasiIdentifiers.Levels;
        var spec = MechanismHarness.Spec(RegimeCatalog.Get("precautionary"));
        var ctx = new ModelContext(spec);
        var counts = new ClassCounts
        {
            BySafeLevel = new long[levels + 1],
            SafeRiskMicros = new long[levels],
            ExactRiskMicros = [100 * 900_000L],
        };
        counts.BySafeLevel[2] = 90;
        counts.BySafeLevel[3] = 6;
        counts.BySafeLevel[levels] = 4;
        counts.SafeRiskMicros[2] = 90 * 40_000L;
        counts.SafeRiskMicros[3] = 96 * 10_000L;
        var (g, pseudonym, anonymised) = Aggregation.Aggregate(ctx, 0, [counts]);
        Assert.Equal((3, 5), (g.Level, g.K));
        Assert.Equal(0.9, pseudonym, 12);
        Assert.Equal((0.96 + 4.0 / Population.DefaultRepresents) / 100, anonymised, 12);

        var strict = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary"), new ModelParameters { SuppressionLimit = 0 }));
        Assert.Equal(levels - 1, Aggregation.Aggregate(strict, 0, [counts]).Anonymised.Level);

        var empty = Aggregation.Aggregate(ctx, 0, [new ClassCounts { BySafeLevel = new long[levels + 1], SafeRiskMicros = new long[levels], ExactRiskMicros = [0] }]);
        Assert.True(double.IsNaN(empty.PseudonymRisk));

        var provider = new ProviderModel(ctx, 0);
        Assert.Equal(Deidentification.Anonymise, provider.Conduct.Deidentification); // precautionary's legal minimum
        Assert.Equal(3, provider.Aggregate([counts]).Level);
        var pseudonymising = new ProviderModel(new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance"))), 0);
        Assert.Equal(Generalisation.Exact, pseudonymising.Aggregate([counts]));
    }

    /// <summary>
    /// Risk that a record points to its subject, and re-identification after a breach, per docs/model.md §3.8: identified
    /// data 1; pseudonyms the exact key's risk, times the linkage chance after a breach (0.8 together, 0.05 apart);
    /// anonymised records the risk at the generalisation level, with no linkage factor, and a suppressed record 1/P.
    /// Uniform keys, P = 40,000, K = 5: at level 0 λ = 5.48 (risk 0.182); a subject whose class is small at every level
    /// cannot occur there, so suppression is checked with K = 30,000 (above every class, even sex only).
    /// </summary>
    [Fact]
    public void IdentificationRisk_AndBreachReidentification_FollowThePractice()
    {
        var h = MechanismHarness.For("dynamic-balance", Uniform, subjects: 1, providers: 1, represents: 40_000);
        var key = h.Ctx.Qi.Pack(1, 40, 0);
        h.Subject(0, qi: key);
        var world = h.World(0);
        var exact = InverseClassSize(39_999.0 / UniformKeys);

        world.Providers[0].Deidentification = (int)Deidentification.None;
        Assert.Equal(1.0, h.Aggregation.IdentificationRisk(0, 0, world));
        Assert.Equal(1.0, h.Aggregation.BreachReidentification(0, 0, world));

        world.Providers[0].Deidentification = (int)Deidentification.Pseudonymise;
        Assert.Equal(exact, h.Aggregation.IdentificationRisk(0, 0, world), 12);
        Assert.Equal(0.8 * exact, h.Aggregation.BreachReidentification(0, 0, world), 12);
        world.Providers[0].SeparateIdentifiers = true;
        Assert.Equal(0.05 * exact, h.Aggregation.BreachReidentification(0, 0, world), 12);
        world.Providers[0].SeparateIdentifiers = false;

        world.Providers[0].Deidentification = (int)Deidentification.Anonymise;
        world.Generalisations[0] = new Generalisation { Level = 2, K = 5 };
        Assert.Equal(InverseClassSize(39_999.0 / 20), h.Aggregation.IdentificationRisk(0, 0, world), 12);
        Assert.Equal(InverseClassSize(39_999.0 / 20), h.Aggregation.BreachReidentification(0, 0, world), 12);

        var suppressing = MechanismHarness.For("precautionary", Uniform, subjects: 1, providers: 1, represents: 40_000, levers: r => r with { KAnonymity = 30_000 });
        suppressing.Subject(0, qi: key);
        var w = suppressing.World(0);
        w.Providers[0].Deidentification = (int)Deidentification.Anonymise;
        w.Generalisations[0] = new Generalisation { Level = 5, K = 30_000 };
        Assert.Equal(Reidentification.Never, suppressing.Ctx.Reidentification.SafeLevel(key)); // even "sex only": 1 + 19,999.5 < 30,000
        Assert.Equal(1.0 / 40_000, suppressing.Aggregation.IdentificationRisk(0, 0, w), 15);
    }

    [Fact]
    public void CostPerRecord_IsThePracticesCost()
    {
        var p = new ModelParameters();
        Assert.Equal(0.0, Aggregation.CostPerRecord(p, Deidentification.None));
        Assert.Equal(p.PseudonymisationCostYuanPerRecord, Aggregation.CostPerRecord(p, Deidentification.Pseudonymise));
        Assert.Equal(p.AnonymisationCostYuanPerRecord, Aggregation.CostPerRecord(p, Deidentification.Anonymise));
    }

    // ------------------------------------------------------------------ scale: the same population at any N

    /// <summary>
    /// The point of computing classes in the represented population: samples of 1,000 and 30,000 subjects standing for the same
    /// 14 million people (default traits) give the same mean risk, pseudonymised and anonymised, within 4 standard errors of
    /// their difference, and both agree with the population mean Σ_a share_a (1 − e^{−λ_a})/λ_a (exact keys, dates uniform).
    /// Before population classes the mean risk fell like 1/N.
    /// </summary>
    [Fact]
    public void MeanRisk_DoesNotDependOnHowManySubjectsAreSimulated()
    {
        var p = new ModelParameters();
        var qi = new QuasiIdentifiers(p);
        var population = (double)Population.DefaultRepresents;
        var perKey = 1.0 / qi.Dates / QuasiIdentifiers.Sexes;
        var analytic = qi.AreaShares.Sum(share => share * InverseClassSize((population - 1) * share * perKey));

        (double Mean, double Se) Risks(int n, Func<int, double> risk)
        {
            var ctx = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary"), subjects: n, seed: (ulong)n));
            var r = Enumerable.Range(0, n).Select(s => risk(ctx.Traits.Draw(ctx.Seed, s).QuasiIdentifierKey)).ToArray();
            var mean = r.Average();
            return (mean, Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (n - 1) / n));
        }
        var reid = new ModelContext(MechanismHarness.Spec(RegimeCatalog.Get("precautionary"))).Reidentification;
        var small = Risks(1_000, k => reid.Risk(k, 0));
        var large = Risks(30_000, k => reid.Risk(k, 0));
        Assert.True(Math.Abs(small.Mean - large.Mean) <= 4 * Math.Sqrt(small.Se * small.Se + large.Se * large.Se), $"exact-key risk {small.Mean:F4} at N = 1,000 vs {large.Mean:F4} at 30,000");
        Assert.True(Math.Abs(large.Mean - analytic) <= 4 * large.Se, $"exact-key risk {large.Mean:F4} vs the population's {analytic:F4}");

        // anonymised through the cohorts and the provider, at both sizes
        double Anonymised(int n)
        {
            var h = MechanismHarness.For("precautionary", subjects: n, seed: (ulong)n, drawTraits: true);
            for (var i = 0; i < n; i++) h.Hold(i, 0, 1);
            return Aggregation.Aggregate(h.Ctx, 0, [h.Aggregation.CountClasses()]).AnonymisedRisk;
        }
        var a1 = Anonymised(1_000);
        var a2 = Anonymised(30_000);
        Assert.InRange(a2, 0.001, 0.2);
        Assert.True(Math.Abs(a1 - a2) <= 0.25 * a2, $"anonymised risk {a1:F4} at N = 1,000 vs {a2:F4} at 30,000 (tolerance 25%)");
    }

    // ------------------------------------------------------------------ whole runs

    /// <summary>
    /// k-anonymity bounds every released record: a record is released only when its population class has 1 + λ ≥ K, so its
    /// risk is at most (1 − e^{−(K−1)})/(K − 1) (0.2454 for K = 5; by Jensen's inequality this is above 1/K), and suppressed
    /// records carry 1/P. mean_reid_risk under precautionary anonymisation must stay under that bound in every tick.
    /// </summary>
    [Fact]
    public void Anonymisation_KeepsEveryRecordUnderTheKAnonymityBound()
    {
        var regime = RegimeCatalog.Get("precautionary");
        var bound = TickRow.RatioScale * InverseClassSize(regime.KAnonymity - 1);
        var rows = PlainRun.Run(Spec(regime, 2_000, 600, seed: 12, ticks: 120));
        var over = rows.Where(r => r.Values[Metric.MeanReidRisk] > bound).ToArray();
        Assert.True(over.Length == 0,
            $"mean_reid_risk above {bound / TickRow.RatioScale:F4} in {over.Length} ticks, e.g. tick {over.FirstOrDefault()?.Tick}: {over.FirstOrDefault()?.Value(Metric.MeanReidRisk)}");
    }

    /// <summary>
    /// Precautionary anonymises to K = 5 in population classes, dynamic balance pseudonymises: the mean re-identification risk
    /// under precautionary must be less than a tenth of dynamic balance's on average (the shared 20,000-subject runs).
    /// </summary>
    [Fact]
    public void Precautionary_ReidentificationRisk_IsFarBelowDynamicBalance()
    {
        var mp = Mean(Large("precautionary"), Metric.MeanReidRisk);
        var md = Mean(Large("dynamic-balance"), Metric.MeanReidRisk);
        Assert.True(mp < 0.1 * md, $"precautionary mean risk {mp / 1e6:F4} not far below dynamic balance {md / 1e6:F4}");
    }
}
