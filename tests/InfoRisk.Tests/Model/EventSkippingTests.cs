using InfoRisk.Model;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using InfoRisk.Tests.Mechanisms;
using MathNet.Numerics.Distributions;
using Geometric = InfoRisk.Model.Randomness.Geometric;

namespace InfoRisk.Tests.Model;

/// <summary>
/// The event-skipping sampler against the per-tick reference (docs/model.md §8). For each mechanism it skips, the same
/// setting is run with both samplers (fixed seeds) and the events are compared: their times (counts per 5-tick bin) and,
/// where a subject can have several, their counts per pair, by a chi-square test of homogeneity at α = 0.001 (bins merged
/// until every expected count is at least 5). Each setting changes the hazard mid-run, upwards (the chains restart from
/// the change tick) and downwards on a training tick (the bound is tightened), or changes which pairs are eligible.
/// The whole model is compared on the headline regime comparison: every regime's run totals agree within their 95%
/// intervals.
/// </summary>
public class EventSkippingTests
{
    private const double Alpha = 0.001;
    private static readonly bool[] Samplers = [false, true];
    private const int Subjects = 3000;

    /// <summary>Chi-square statistic of homogeneity of two rows of counts, its critical value at <see cref="Alpha"/> and its degrees of freedom.</summary>
    internal static (double Statistic, double Critical, int Df) Homogeneity(long[] a, long[] b)
    {
        double na = a.Sum(), nb = b.Sum(), n = na + nb;
        var bins = new List<(long A, long B)>();
        long ca = 0, cb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            ca += a[k];
            cb += b[k];
            if ((ca + cb) * Math.Min(na, nb) / n >= 5)
            {
                bins.Add((ca, cb));
                ca = cb = 0;
            }
        }
        if (ca + cb > 0)
        {
            if (bins.Count == 0) bins.Add((ca, cb));
            else bins[^1] = (bins[^1].A + ca, bins[^1].B + cb);
        }
        double x2 = 0;
        foreach (var (x, y) in bins)
        {
            var column = x + y;
            double ea = column * na / n, eb = column * nb / n;
            x2 += (x - ea) * (x - ea) / ea + (y - eb) * (y - eb) / eb;
        }
        var df = Math.Max(1, bins.Count - 1);
        return (x2, ChiSquared.InvCDF(df, 1 - Alpha), df);
    }

    private static void SameDistribution(long[] skipping, long[] perTick, string what)
    {
        Assert.True(skipping.Sum() >= 200 && perTick.Sum() >= 200, $"{what}: too few events to compare ({skipping.Sum()}, {perTick.Sum()})");
        var (x2, critical, df) = Homogeneity(skipping, perTick);
        Assert.True(x2 < critical, $"{what}: chi-square {x2:F1} >= {critical:F1} (df {df}, alpha {Alpha}); event skipping [{string.Join(", ", skipping)}] per tick [{string.Join(", ", perTick)}]");
    }

    private static long[] Bins(long[] perTick, int width = 5) =>
        [.. Enumerable.Range(0, (perTick.Length + width - 1) / width).Select(b => perTick.Skip(b * width).Take(width).Sum())];

    private static long[] Histogram(IEnumerable<int> values, int top)
    {
        var h = new long[top + 1];
        foreach (var v in values) h[Math.Min(v, top)]++;
        return h;
    }

    [Fact]
    public void GeometricWait_HasTheLawOfTheFailuresBeforeTheFirstSuccess()
    {
        const double q = 0.03;
        const int n = 200_000, top = 100;
        var inv = Geometric.InvLogNot(q);
        var observed = new long[top + 1];
        for (var k = 0; k < n; k++) observed[Math.Min(top, Geometric.Wait(CounterRandom.Uniform(CounterRandom.Key(7, RandomStream.Waiting, k, 0), 0), inv))]++;
        double x2 = 0;
        for (var g = 0; g <= top; g++)
        {
            var e = n * (g < top ? Math.Pow(1 - q, g) * q : Math.Pow(1 - q, top));
            x2 += (observed[g] - e) * (observed[g] - e) / e;
        }
        Assert.True(x2 < ChiSquared.InvCDF(top, 1 - Alpha), $"chi-square {x2:F1}");
        Assert.Equal(0, Geometric.Wait(0.999, Geometric.InvLogNot(1.0)));
        Assert.Equal(Geometric.Never, Geometric.Wait(0.5, Geometric.InvLogNot(0.0)));
    }

    // ---------- scraping: intensity 0.3, up to 1 at tick 40 (restart), down to 0.2 on the training tick 60 (tightened)

    private static long[] Scrapes(bool perTick)
    {
        const int ticks = 100;
        var h = MechanismHarness.For("use-first", new ModelParameters { ScrapeRatePerDay = 1.0 / 40 }, subjects: Subjects, providers: 2, ticks: ticks, seed: 11, perTick: perTick);
        for (var i = 0; i < Subjects; i++) h.Subject(i, general: 4);
        var counts = new long[ticks];
        long before = 0;
        for (var t = 0; t < ticks; t++)
        {
            var world = h.World(t);
            var intensity = t < 40 ? 0.3 : t < 60 ? 1.0 : 0.2;
            world.Providers[0].ScrapingIntensity = intensity;
            world.Providers[1].ScrapingIntensity = 1.0 - 0.5 * intensity;
            h.Scraping.Run(world);
            h.S.Calendar?.Release(t);
            long now = h.S.State.Count(st => (st & PairState.Scraped) != 0);
            counts[t] = now - before;
            before = now;
        }
        return counts;
    }

    [Fact]
    public void Scraping_TimesMatchThePerTickModel_WhenTheIntensityChanges()
    {
        var (skipping, perTick) = (Scrapes(false), Scrapes(true));
        SameDistribution(Bins(skipping), Bins(perTick), "scrapes per 5 ticks");
    }

    // ---------- outputs: hallucination, regurgitation and unlawful reuse, with hazards up at tick 45 and down at tick 90

    private static (long[] Hallucinations, long[] Regurgitations, long[] Misuses) Outputs(bool perTick)
    {
        const int ticks = 120;
        // only unlawful reuse harms: regurgitations and hallucinations happen but harm no one
        var parameters = new ModelParameters
        {
            SecondaryUseHarmProbability = 0.05,
            HarmDelayMeanDays = 1e-6,
            FalseInfoHarmfulShare = 0,
            FraudProbabilityGeneral = 0,
            FraudProbabilitySensitive = 0,
            MentalHarmProbability = 0,
        };
        var h = MechanismHarness.For("use-first", parameters, subjects: Subjects, providers: 2, ticks: ticks + 1, seed: 12, perTick: perTick);
        var misuse = new SecondaryUseHarm(h.Ctx, h.S, h.Harm);
        for (var i = 0; i < Subjects; i++)
        {
            for (var p = 0; p < 2; p++)
            {
                h.Hold(i, p, 1 + (i + p) % 20);
                h.S.Memorized[h.Pair(i, p)] = (byte)(1 + i % 4);
            }
            if (i % 3 == 0) h.Mark(i, 0, PairState.Restricted);
        }
        var (hallucinations, regurgitations, misuses) = (new long[ticks], new long[ticks], new long[ticks]);
        for (var t = 0; t < ticks; t++)
        {
            var world = h.World(t);
            var level = t < 45 ? 1.0 : t < 90 ? 3.0 : 0.3;
            for (var p = 0; p < 2; p++)
            {
                var v = world.Providers[p];
                v.OutputFilter = 0.2;
                v.TrainableRecords = 10_000;
                v.MisuseRate = 0.02 * level * (p + 1);
                // about 0.004 × level hallucinations per pair and day
                world.QueriesByProvider[p] = (long)(0.004 * level * (p + 1) * Subjects / (h.P.PersonQueryShare * h.P.HallucinationRate * (1 - 0.2 * h.P.FilterFactualityEfficacy)));
            }
            var (f0, r0) = (h.Tally[TallyField.FalseInfoIncidents], h.Tally[TallyField.RegurgitationIncidents]);
            h.Harm.BeginTick(t);
            h.Regurgitation.BeginTick(world);
            h.FalseInformation.BeginTick(world);
            if (h.S.Calendar is { } calendar) SubjectCohort.OutputCandidates(world, calendar, 2, h.Regurgitation, h.FalseInformation, misuse);
            else
            {
                for (var i = 0; i < Subjects; i++)
                {
                    var use = new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, t);
                    for (var p = 0; p < 2; p++)
                    {
                        h.Regurgitation.Emit(i, p, h.Pair(i, p), use);
                        h.FalseInformation.Hallucinate(i, p, h.Pair(i, p), use);
                        misuse.Misuse(i, p, h.Pair(i, p), world.Providers[p], use);
                    }
                }
            }
            h.S.Calendar?.Release(t);
            // unlawful reuse harms are suffered the next day (delay 1): count them as they are realised
            var harmsBefore = h.Tally[TallyField.HarmEvents];
            h.Realise(t + 1, t + 1);
            misuses[t] = h.Tally[TallyField.HarmEvents] - harmsBefore;
            hallucinations[t] = h.Tally[TallyField.FalseInfoIncidents] - f0;
            regurgitations[t] = h.Tally[TallyField.RegurgitationIncidents] - r0;
        }
        return (hallucinations, regurgitations, misuses);
    }

    [Fact]
    public void Outputs_HallucinationRegurgitationAndMisuse_MatchThePerTickModel_WhenHazardsChange()
    {
        var (skipping, perTick) = (Outputs(false), Outputs(true));
        SameDistribution(Bins(skipping.Hallucinations), Bins(perTick.Hallucinations), "hallucinations per 5 ticks");
        SameDistribution(Bins(skipping.Regurgitations), Bins(perTick.Regurgitations), "regurgitations per 5 ticks");
        SameDistribution(Bins(skipping.Misuses), Bins(perTick.Misuses), "harms from unlawful reuse per 5 ticks");
    }

    // ---------- rights: awareness and reconsideration; pairs at provider 0 of even subjects become held at tick 50

    private static (long[] Aware, long[] Acts, long[] ActsPerPair) Rights(bool perTick)
    {
        const int ticks = 120;
        var parameters = new ModelParameters { AwarenessPerDay = 0.01, ObjectionPropensity = 0.05, DeletionPropensity = 0.1, RestrictionPropensity = 0.02 };
        var h = MechanismHarness.For("protection-first", parameters, subjects: Subjects, providers: 2, ticks: ticks, seed: 13, perTick: perTick);
        for (var i = 0; i < Subjects; i++)
        {
            h.Subject(i, literacy: (byte)(i % 256), concern: (byte)(255 - i % 256));
            if (i % 2 == 1) h.Hold(i, 0, 3);
            h.Hold(i, 1, 2);
            if (i % 5 == 0) h.Mark(i, 1, PairState.Aware); // made aware by an incident before the run
        }
        var (aware, acts) = (new long[ticks], new long[ticks]);
        var objected = new int[Subjects * 2];
        long awareBefore = h.S.State.Count(st => (st & PairState.Aware) != 0);
        for (var t = 0; t < ticks; t++)
        {
            if (t == 50)
            {
                for (var i = 0; i < Subjects; i += 2) h.Hold(i, 0, 3);
            }
            var requests = h.Tally[TallyField.DeletionRequests] + h.Tally[TallyField.RestrictionRequests];
            var objectedBefore = h.S.State.Count(st => (st & PairState.Objected) != 0);
            h.Rights.Exercise(t);
            h.Rights.Serve(t);
            h.S.Calendar?.Release(t);
            long awareNow = h.S.State.Count(st => (st & PairState.Aware) != 0);
            aware[t] = awareNow - awareBefore;
            awareBefore = awareNow;
            // an act is seen through what it asks for: objections, deletions and restrictions
            acts[t] = h.Tally[TallyField.DeletionRequests] + h.Tally[TallyField.RestrictionRequests] - requests
                + h.S.State.Count(st => (st & PairState.Objected) != 0) - objectedBefore;
        }
        for (var ip = 0; ip < objected.Length; ip++) objected[ip] = (h.S.State[ip] & PairState.Objected) != 0 ? 1 : 0;
        return (aware, acts, Histogram(Enumerable.Range(0, Subjects).Select(i => objected[2 * i] + objected[2 * i + 1]), 2));
    }

    [Fact]
    public void Rights_AwarenessAndActs_MatchThePerTickModel_WhenPairsBecomeHeldMidRun()
    {
        var (skipping, perTick) = (Rights(false), Rights(true));
        SameDistribution(Bins(skipping.Aware), Bins(perTick.Aware), "pairs becoming aware per 5 ticks");
        SameDistribution(Bins(skipping.Acts), Bins(perTick.Acts), "requests and objections per 5 ticks");
        SameDistribution(skipping.ActsPerPair, perTick.ActsPerPair, "subjects by number of objections");
    }

    // ---------- automated decisions: deployer 1 inactive on ticks 30 .. 59

    private static (long[] Times, long[] ByDeployer) Decisions(bool perTick)
    {
        const int ticks = 120, deployers = 4;
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { DecisionRatePerDay = 1.0 / 30 }, subjects: Subjects, providers: 1,
            deployers: deployers, ticks: ticks, seed: 14, perTick: perTick);
        for (var i = 0; i < Subjects; i++)
        {
            h.Customer(i, 0, i % deployers, held: true);
            if (i % 2 == 0) h.Customer(i, 1, (i + 1) % deployers, held: true);
        }
        var times = new long[ticks];
        for (var t = 0; t < ticks; t++)
        {
            var world = h.World(t);
            world.Deployers[1].Active = t is < 30 or >= 60;
            long before = 0;
            for (var d = 0; d < deployers; d++) before += h.Tally.Deployer(d, DeployerField.Decisions);
            h.Harm.BeginTick(t);
            h.Decisions.Run(world);
            h.S.Calendar?.Release(t);
            long after = 0;
            for (var d = 0; d < deployers; d++) after += h.Tally.Deployer(d, DeployerField.Decisions);
            times[t] = after - before;
        }
        return (times, [.. Enumerable.Range(0, deployers).Select(d => h.Tally.Deployer(d, DeployerField.Decisions))]);
    }

    [Fact]
    public void AutomatedDecisions_TimesMatchThePerTickModel_WhenADeployerStopsAndResumes()
    {
        var (skipping, perTick) = (Decisions(false), Decisions(true));
        SameDistribution(Bins(skipping.Times), Bins(perTick.Times), "decisions per 5 ticks");
        SameDistribution(skipping.ByDeployer, perTick.ByDeployer, "decisions by deployer");
    }

    // ---------- the whole model: the headline regime comparison

    [Fact]
    public void HeadlineRegimeComparison_AgreesWithThePerTickReference_WithinThe95PercentIntervals()
    {
        string[] metrics = ["records_collected", "harm_total_yuan", "harm_events", "false_info_incidents", "regurgitation_incidents", "deletion_requests", "claims_filed"];
        const int replicates = 4;
        var runs = (from regime in RegimeCatalog.BuiltInNames
                    from perTick in Samplers
                    from r in Enumerable.Range(0, replicates)
                    select (Regime: regime, PerTick: perTick, Replicate: r)).ToArray();
        var totals = new double[runs.Length][];
        Parallel.For(0, runs.Length, k =>
        {
            var (regime, perTick, r) = runs[k];
            var rows = PlainRun.Run(ModelRuns.Spec(regime, 1_500, 450, seed: 900 + (ulong)r) with { PerTickReference = perTick });
            totals[k] = [.. metrics.Select(m => (double)ModelRuns.Sum(rows, Metric.IndexOf(m)))];
        });
        var t = StudentT.InvCDF(0, 1, replicates - 1, 0.975);
        var failures = new List<string>();
        foreach (var regime in RegimeCatalog.BuiltInNames)
        {
            for (var m = 0; m < metrics.Length; m++)
            {
                (double Mean, double Half) Interval(bool perTick)
                {
                    var x = runs.Select((run, k) => (run, k)).Where(z => z.run.Regime == regime && z.run.PerTick == perTick).Select(z => totals[z.k][m]).ToArray();
                    var mean = x.Average();
                    var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
                    return (mean, t * sd / Math.Sqrt(x.Length));
                }
                var (a, b) = (Interval(false), Interval(true));
                if (Math.Abs(a.Mean - b.Mean) > a.Half + b.Half)
                    failures.Add($"{regime} {metrics[m]}: event skipping {a.Mean:F0} ± {a.Half:F0}, per tick {b.Mean:F0} ± {b.Half:F0}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void TheCalendarKeepsCandidatesOnly_AndIsEmptyWithThePerTickReference()
    {
        var skipping = new PlainRunParts(ModelRuns.Spec("precautionary", 2_000, 600, ticks: 40));
        PlainRun.Run(ModelRuns.Spec("precautionary", 2_000, 600, ticks: 40), skipping);
        Assert.All(skipping.SubjectCohorts, c => Assert.NotNull(c.Store.Calendar));
        var reference = new PlainRunParts(ModelRuns.Spec("precautionary", 2_000, 600, ticks: 40) with { PerTickReference = true });
        PlainRun.Run(ModelRuns.Spec("precautionary", 2_000, 600, ticks: 40) with { PerTickReference = true }, reference);
        Assert.All(reference.SubjectCohorts, c => Assert.Null(c.Store.Calendar));
        // the JSON of a spec leaves the switch out unless it is set, so existing specs and their identities do not change
        Assert.DoesNotContain("per_tick_reference", ModelRuns.Spec("precautionary", 10, 3).ToJson());
        Assert.Contains("\"per_tick_reference\":true", (ModelRuns.Spec("precautionary", 10, 3) with { PerTickReference = true }).ToJson());
    }
}
