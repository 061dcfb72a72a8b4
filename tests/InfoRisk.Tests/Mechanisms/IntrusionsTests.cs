using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Privacy intrusions and intrusion harm (docs/model.md §3.6, Mechanisms/Intrusions.cs): every item taken without consent
/// is counted, and an intrusion of n items causes log-normal mental harm (median intrusion_median_yuan) with probability
/// 1 − (1 − intrusion_harm_probability)^n.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class IntrusionsTests
{
    /// <summary>
    /// 20,000 subjects each suffer one intrusion of 7 items: privacy_intrusions counts 7 per subject exactly; the share of
    /// subjects harmed is 1 − (1 − 0.05)^7; the harm is suffered one day later (delay mean 1e-9: 1 + ⌊Exp⌋ = 1); half the
    /// amounts lie below the median of 500 yuan. Tolerance 4 binomial standard errors for both shares.
    /// </summary>
    [Fact]
    public void IntrusionHarm_HasProbabilityOneMinusOneMinusQToTheN_AndTheDocumentedMedian()
    {
        const int n = 20_000, items = 7;
        const double q = 0.05;
        var h = MechanismHarness.For("use-first", new ModelParameters { IntrusionHarmProbability = q, HarmDelayMeanDays = 1e-9 }, subjects: n, ticks: 10);
        h.Harm.BeginTick(0);
        for (var i = 0; i < n; i++) h.Intrusions.Take(i, 0, items, 0.5, IntrusionRoute.ScrapedPrivate, false, 0);
        Assert.Equal((long)items * n, h.Tally[TallyField.PrivacyIntrusions]);
        h.Realise(0, 0);
        Assert.Equal(0, h.HarmedSubjects());
        h.Realise(1, 1);
        var harmed = h.HarmedSubjects();
        MechanismHarness.WithinFourSe(harmed, n, 1 - Math.Pow(1 - q, items), "subjects harmed by an intrusion of 7 items");
        Assert.Equal(h.S.HarmFen.Sum(), h.Tally[TallyField.HarmIntrusionFen]);
        Assert.Equal(h.S.HarmFen.Sum(), h.Tally[TallyField.HarmMentalFen]);
        Assert.Equal(0, h.Tally[TallyField.HarmPropertyFen]);
        var belowMedian = h.S.HarmFen.Count(f => f > 0 && f < Money.ToFen(h.P.IntrusionMedianYuan));
        MechanismHarness.WithinFourSe(belowMedian, harmed, 0.5, "intrusion harms below the median");
    }

    [Fact]
    public void WithZeroHarmProbability_IntrusionsAreCountedButNeverHarm()
    {
        var h = MechanismHarness.For("use-first", new ModelParameters { IntrusionHarmProbability = 0, HarmDelayMeanDays = 1e-9 }, subjects: 500, ticks: 5);
        h.Harm.BeginTick(0);
        for (var i = 0; i < 500; i++) h.Intrusions.Take(i, 0, 60, 0.5, IntrusionRoute.ThirdPartyPrompt, true, 0);
        Assert.Equal(500L * 60, h.Tally[TallyField.PrivacyIntrusions]);
        h.Realise(0, 4);
        Assert.Equal(0, h.HarmedSubjects());
    }

    /// <summary>Protection-first (whole 20,000-subject run): nothing is taken without consent, so there is no intrusion and no intrusion harm.</summary>
    [Fact]
    public void ProtectionFirst_TakesNothingWithoutConsent()
    {
        var regime = RegimeCatalog.Get("protection-first");
        Assert.Equal(ScrapingRule.WithConsent, regime.Scraping);
        var rows = Large("protection-first");
        Assert.True(Sum(rows, Metric.PrivacyIntrusions) == 0, $"protection-first intruded {Sum(rows, Metric.PrivacyIntrusions)} times");
        Assert.True(Sum(rows, Metric.HarmIntrusionYuan) == 0, "protection-first caused intrusion harm");
        Assert.True(Sum(rows, Metric.ConsentedRecords) > 0, "protection-first collected nothing with consent");
        Assert.True(Sum(rows, Metric.InformedConsentRecords) <= Sum(rows, Metric.ConsentedRecords), "more informed than given consents");
    }
}
