using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// False information (docs/model.md §3.13, Mechanisms/FalseInformation.cs): hallucinations about each subject with
/// probability Q × person_query_share × hallucination_rate × (1 − filter × efficacy) ÷ N (halved if restricted), harmful
/// with false_info_harmful_share; malicious users' fakes, each harmful with fake_harmful_share; a harmful incident may lead
/// to a dispute and a restriction request.
/// </summary>
public class FalseInformationTests
{
    private const int N = 20_000;

    private static MechanismHarness Hallucinated(ModelParameters p, long queries, Action<MechanismHarness>? setUp = null, int tick = 3)
    {
        var h = MechanismHarness.For("dynamic-balance", p, subjects: N, ticks: 20);
        setUp?.Invoke(h);
        var world = h.World(tick);
        world.QueriesByProvider[0] = queries;
        h.Harm.BeginTick(tick);
        h.FalseInformation.BeginTick(world);
        for (var i = 0; i < N; i++) h.FalseInformation.Hallucinate(i, 0, i, new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, tick));
        return h;
    }

    private static double Hazard(MechanismHarness h, long queries) =>
        queries * h.P.PersonQueryShare * h.P.HallucinationRate * (1 - h.Regime.OutputFilter * h.P.FilterFactualityEfficacy) / h.Ctx.Subjects;

    /// <summary>
    /// 20,000 subjects at a provider with 6 million queries (dynamic balance, filter 0.5): hallucinations about unrestricted
    /// subjects follow the hazard (about 0.2) and about restricted ones (every second subject) half of it. Tolerance 4
    /// binomial standard errors each. A full-strength filter with full efficacy prevents every hallucination.
    /// </summary>
    [Fact]
    public void HallucinationFrequency_MatchesItsHazard_HalvedForRestrictedPairs()
    {
        const long q = 6_000_000;
        var restrictedIncidents = 0L;
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { FalseInfoHarmfulShare = 0 }, subjects: N, ticks: 20);
        for (var i = 1; i < N; i += 2) h.Mark(i, 0, PairState.Restricted);
        var world = h.World(3);
        world.QueriesByProvider[0] = q;
        h.Harm.BeginTick(3);
        h.FalseInformation.BeginTick(world);
        for (var i = 0; i < N; i++)
        {
            var before = h.Tally[TallyField.FalseInfoIncidents];
            h.FalseInformation.Hallucinate(i, 0, i, new DrawSequence(h.Ctx.Seed, RandomStream.Use, i, 3));
            if (i % 2 == 1) restrictedIncidents += h.Tally[TallyField.FalseInfoIncidents] - before;
        }
        var hazard = Hazard(h, q);
        Assert.InRange(hazard, 0.15, 0.25);
        MechanismHarness.WithinFourSe(h.Tally[TallyField.FalseInfoIncidents] - restrictedIncidents, N / 2, hazard, "hallucinations, unrestricted");
        MechanismHarness.WithinFourSe(restrictedIncidents, N / 2, hazard * FalseInformation.RestrictedHallucinationFactor, "hallucinations, restricted");
        Assert.Equal(h.Tally[TallyField.FalseInfoIncidents], h.Tally.Provider(0, ProviderField.Incidents));

        var filtered = new MechanismHarness(MechanismHarness.Spec(RegimeCatalog.Get("dynamic-balance") with { OutputFilter = 1.0 },
            new ModelParameters { FilterFactualityEfficacy = 1.0 }, subjects: N));
        var w = filtered.World(3);
        w.QueriesByProvider[0] = q;
        filtered.FalseInformation.BeginTick(w);
        for (var i = 0; i < N; i++) filtered.FalseInformation.Hallucinate(i, 0, i, new DrawSequence(1, RandomStream.Use, i, 3));
        Assert.Equal(0, filtered.Tally[TallyField.FalseInfoIncidents]);
    }

    /// <summary>
    /// A hallucination is harmful with probability false_info_harmful_share (0.4 here): the harmed subjects, all of whom
    /// suffer mental harm the next day, are 0.4 of the incidents within 4 binomial standard errors. With
    /// restriction_after_false_info = 1 every harmed subject disputes and asks for restriction.
    /// </summary>
    [Fact]
    public void AHallucination_IsHarmfulWithItsShare_AndAHarmedSubjectDisputesIt()
    {
        var p = new ModelParameters { FalseInfoHarmfulShare = 0.4, HarmDelayMeanDays = 1e-9, RestrictionAfterFalseInfo = 1.0 };
        var h = Hallucinated(p, 6_000_000);
        var incidents = h.Tally[TallyField.FalseInfoIncidents];
        h.Realise(3, 4);
        var harmed = h.HarmedSubjects();
        MechanismHarness.WithinFourSe(harmed, incidents, 0.4, "harmful hallucinations");
        Assert.Equal(harmed, h.Tally[TallyField.RestrictionRequests]);
        Assert.Equal(h.Tally[TallyField.HarmFalseInfoFen], h.Tally[TallyField.HarmPropertyFen] + h.Tally[TallyField.HarmMentalFen]);
        Assert.True(h.Tally[TallyField.HarmMentalFen] > 0);
    }

    /// <summary>
    /// Fakes: one fake about each of 20,000 subjects; each is an incident (counted as a fake and as false information, at the
    /// provider that served the user), and harmful with fake_harmful_share 0.5: the subjects harmed the next day are half of
    /// them within 4 binomial standard errors. With share 0 no fake harms.
    /// </summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void EachFake_IsAnIncident_AndHarmfulWithTheFakeHarmfulShare(double share)
    {
        var h = MechanismHarness.For("dynamic-balance", new ModelParameters { FakeHarmfulShare = share, HarmDelayMeanDays = 1e-9 }, subjects: N, providers: 2, ticks: 10);
        var entries = Enumerable.Range(0, N).Select(i => new ExchangeEntry(i, (byte)(i % 2), ExchangeKind.FakeContent, 0, 0, 7 + i)).ToArray();
        h.Harm.BeginTick(2);
        h.FalseInformation.BeginTick(h.World(2));
        h.FalseInformation.Fakes(entries);
        Assert.Equal(N, h.Tally[TallyField.FakeIncidents]);
        Assert.Equal(N, h.Tally[TallyField.FalseInfoIncidents]);
        Assert.Equal(N / 2, h.Tally.Provider(1, ProviderField.Incidents));
        h.Realise(2, 3);
        MechanismHarness.WithinFourSe(h.HarmedSubjects(), N, share, "harmful fakes");
    }

    /// <summary>The user side: an active malicious user makes Poisson(fakes_per_malicious_user_day) fakes about uniformly chosen subjects (mean within 4 standard errors over 50,000 users).</summary>
    [Fact]
    public void MakeFakes_DrawsAPoissonNumberOfFakesAboutUniformTargets()
    {
        const int users = 50_000;
        const double mean = 0.3;
        var h = MechanismHarness.For("dynamic-balance", subjects: 1_000);
        var entries = new List<ExchangeEntry>();
        long fakes = 0;
        for (var u = 0; u < users; u++)
            fakes += FalseInformation.MakeFakes(h.Ctx, u, 1, new DrawSequence(4, RandomStream.UserActivity, u, 9), mean, Math.Exp(-mean), entries);
        Assert.Equal(fakes, entries.Count);
        var se = Math.Sqrt(mean / users);
        Assert.True(Math.Abs((double)fakes / users - mean) <= 4 * se, $"fakes per user {(double)fakes / users:F4}, expected {mean} +- 4 x {se:F4}");
        Assert.All(entries, e => Assert.True(e.Kind == ExchangeKind.FakeContent && e.Provider == 1 && e.Subject is >= 0 and < 1_000, $"bad fake entry {e.Subject}"));
    }

    // ------------------------------------------------------------------ whole run

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
