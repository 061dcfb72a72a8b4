using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>Finer checks of single mechanisms: anonymisation (k-anonymity with suppression) and malicious users' fakes.</summary>
public class MechanismDetailTests
{
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

    // ------------------------------------------------------------------ malicious users' fakes

    /// <summary>
    /// Each fake about a real person is harmful with probability fake_harmful_share, independently of the other fakes.
    /// Setup: one data subject, every user malicious, about 5 fakes a day all about that subject; every other hazard off;
    /// suing costs nothing and incidents do not erode trust, so every harmful fake that is suffered within the run is sued on (an intentional fake: fault is
    /// established and the compensatory award is positive); harm follows the fake after exactly one day (delay mean 1e-9).
    /// Then claims_filed over the run counts the harmful fakes made on ticks 0..T-2, which is Binomial(F, 1/2) with F the
    /// fakes made on those ticks (the fake_content_incidents metric). Tolerance: 4 binomial standard errors, sqrt(F/4).
    /// </summary>
    [Fact]
    public void EachFake_IsHarmfulIndependently_WithTheFakeHarmfulShare()
    {
        var parameters = ZeroHazardTests.NoHazards with
        {
            MaliciousUserShare = 1.0,
            FakesPerMaliciousUserDay = 0.01,
            FakeHarmfulShare = 0.5,
            HarmDelayMeanDays = 1e-9,
            LitigationCostYuan = 0,
            TrustDropPerIncidentPer10k = 0, // otherwise thousands of incidents about one subject drive users away
        };
        const int ticks = 200;
        var rows = PlainRun.Run(Spec("dynamic-balance", 1, 1_000, seed: 31, ticks: ticks, parameters: parameters));
        long fakes = 0;
        for (var t = 0; t <= ticks - 2; t++) fakes += rows[t].Values[Metric.FakeContentIncidents];
        var claims = Sum(rows, Metric.ClaimsFiled);
        Assert.True(fakes > 500, $"only {fakes} fakes: the check has no power");
        Assert.True(rows.Count(r => r.Values[Metric.FakeContentIncidents] >= 2) > 50, "too few days with several fakes about the subject");
        var expected = 0.5 * fakes;
        var se = Math.Sqrt(fakes * 0.25);
        Assert.True(Math.Abs(claims - expected) <= 4 * se,
            $"{claims} harmful fakes sued on out of {fakes}, expected {expected:F0} +- 4 x {se:F1} (fake_harmful_share 0.5)");
    }
}
