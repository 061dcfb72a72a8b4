using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>The market: users' logit choice among providers, exit after persistent losses, and what exit leaves behind.</summary>
public sealed class MarketTests
{
    [Fact]
    public void Choice_FollowsTheLogitOfQualityAndTrust_AndNeverAProviderThatLeft()
    {
        var p = new ModelParameters();
        ProviderView View(int k, double quality, double trust, bool active = true) => new() { Index = k, Quality = quality, Trust = trust, Active = active, OutputFilter = 0 };
        ProviderView[] providers = [View(0, 0.5, 0.7), View(1, 0.8, 0.9), View(2, 0.9, 0.9, active: false)];
        var weights = providers.Select(v => v.Active ? Math.Exp(p.ChoiceQualityWeight * v.Quality + p.ChoiceTrustWeight * v.Trust) : 0).ToArray();
        const int n = 40_000;
        var counts = new int[3];
        for (var k = 0; k < n; k++) counts[Market.Choose(p, providers, (k + 0.5) / n)]++;
        var expected = weights[1] / weights.Sum();
        // stratified uniforms: the share is exact to within one draw
        Assert.InRange(counts[1] / (double)n, expected - 1.0 / n, expected + 1.0 / n);
        Assert.Equal(0, counts[2]);
        Assert.Equal(Market.Lapsed, Market.Choose(p, [View(0, 0.5, 0.5, false)], 0.3));
    }

    private static RunSpec Losing(int ticks, int providers = 2) => new()
    {
        Seed = 5,
        Ticks = ticks,
        Population = new Population { Subjects = 2000, Users = 600, Providers = providers, Deployers = 0 },
        Regime = RegimeCatalog.Get("dynamic-balance"),
        // no revenue at all: every provider's forecast profit is negative (it still pays for security)
        Parameters = new ModelParameters { RevenuePerQueryYuan = 0, DeployerLicenceFeeYuanCustomerDay = 0, SecondaryUseRevenueYuan = 0 },
    };

    /// <summary>
    /// With revenue below unavoidable cost every provider leaves after exit_patience_epochs of losses; users are
    /// conserved (they move or lapse, none is lost); after the retention period the store is deleted and generates no
    /// new exposures.
    /// </summary>
    [Fact]
    public void ProvidersLosingMoney_LeaveWithinTheirPatience_UsersAreConserved_AndTheirDataStopsExposingAnyone()
    {
        var p = new ModelParameters();
        var exitTick = p.ExitPatienceEpochs * p.EpochTicks - 1; // decided at the end of the last losing epoch
        var deleted = exitTick + 1 + p.ExitRetentionDays;
        var spec = Losing(deleted + 20);
        var rows = PlainRun.Run(spec);
        int Column(MetricDefinition m) => m.Index;
        Assert.All(rows.Where(r => r.Tick <= exitTick), r => Assert.Equal(2, r.Values[Column(Metric.ActiveProviders)]));
        Assert.All(rows.Where(r => r.Tick > exitTick), r => Assert.Equal(0, r.Values[Column(Metric.ActiveProviders)]));
        Assert.All(rows, r => Assert.Equal(spec.Population.Users, r.Values[Column(Metric.UsersInMarket)] + r.Values[Column(Metric.LapsedUsers)]));
        Assert.Equal(spec.Population.Users, rows[^1].Values[Column(Metric.LapsedUsers)]);
        // with every provider gone the users lose the service they had: at the value per user in the market on the last
        // tick before the exit (service value / users in market), every tick, for every lapsed user
        var last = rows[exitTick];
        var perUser = (double)last.Values[Column(Metric.ServiceValueYuan)] / last.Values[Column(Metric.UsersInMarket)];
        Assert.True(perUser > 0);
        Assert.All(rows.Where(r => r.Tick > exitTick), r =>
            Assert.Equal(Math.Round(spec.Population.Users * perUser), r.Values[Column(Metric.ConsumerValueLostYuan)]));
        // until deletion the store still exists; from the deletion tick on nothing is held, exposed or regurgitated
        Assert.True(rows[exitTick + 1].Values[Column(Metric.RecordsHeld)] > 0);
        Assert.All(rows.Where(r => r.Tick >= deleted), r =>
        {
            Assert.Equal(0, r.Values[Column(Metric.RecordsHeld)]);
            Assert.Equal(0, r.Values[Column(Metric.RecordsExposed)]);
            Assert.Equal(0, r.Values[Column(Metric.RegurgitationIncidents)]);
            Assert.Equal(0, r.Values[Column(Metric.Queries)]);
        });
    }

    /// <summary>
    /// Adoption respects its ceiling: the share of a provider's users who are active never exceeds max_adoption, and in
    /// whole runs active users stay within the binomial noise of max_adoption × users (a user's threshold is a fixed random
    /// byte, so the realised share at full adoption is Binomial(users, 230/256 ≈ 0.898)/users; 4 standard errors).
    /// </summary>
    [Theory]
    [MemberData(nameof(InfoRisk.Tests.Model.ModelRuns.BuiltInRegimes), MemberType = typeof(InfoRisk.Tests.Model.ModelRuns))]
    public void ActiveUsers_NeverExceedTheAdoptionCeiling(string regime)
    {
        var p = new ModelParameters();
        foreach (var q in new[] { 0.2, 0.5, 0.9, 1.0 })
            foreach (var trust in new[] { 0.3, 0.8, 1.0 })
                Assert.True(Adoption.Share(p, new ProviderView { Quality = q, Trust = trust }) <= p.MaxAdoption + 1e-12);
        var rows = InfoRisk.Tests.Model.ModelRuns.Large(regime);
        const int users = 6_000;
        var ceiling = p.MaxAdoption * users + 4 * Math.Sqrt(users * p.MaxAdoption * (1 - p.MaxAdoption));
        Assert.All(rows, r => Assert.True(r.Values[Metric.ActiveUsers.Index] <= ceiling, $"tick {r.Tick}: {r.Values[Metric.ActiveUsers.Index]} active users above {ceiling:F0}"));
    }
}
