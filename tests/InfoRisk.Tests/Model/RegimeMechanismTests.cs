using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Regimes differ through their mechanisms, not their labels: each check below follows from a lever value of the regime
/// (read from the regime itself, so that the test also fails if a regime file loses the lever), on the shared
/// 20,000-subject, 365-tick runs with seed 42.
/// </summary>
public class RegimeMechanismTests
{
    [Fact]
    public void PunitiveDamages_ArePaidOnlyWhereTheRegimeHasThem()
    {
        foreach (var name in RegimeCatalog.BuiltInNames)
        {
            var regime = RegimeCatalog.Get(name);
            var punitive = Sum(Large(name), Metric.PunitiveYuan);
            if (regime.HasPunitiveDamages) Assert.True(punitive > 0, $"{name} has punitive damages but paid none in 20,000 subjects x 365 days");
            else Assert.True(punitive == 0, $"{name} has no punitive damages but paid {punitive} fen");
        }
        Assert.True(RegimeCatalog.Get("precautionary").HasPunitiveDamages, "precautionary lost its punitive damages");
    }

    [Fact]
    public void UseFirst_NeverObtainsInformedConsent_AndLeavesEveryRecordIdentified()
    {
        var regime = RegimeCatalog.Get("use-first");
        Assert.Equal(ConsentMode.None, regime.ConsentGeneral);
        Assert.Equal(Deidentification.None, regime.Deidentification);
        var rows = Large("use-first");
        Assert.True(Sum(rows, Metric.InformedConsentRecords) == 0, $"use-first obtained informed consent for {Sum(rows, Metric.InformedConsentRecords)} records");
        Assert.True(Sum(rows, Metric.ConsentedRecords) == 0, $"use-first asked consent for {Sum(rows, Metric.ConsentedRecords)} records");
        Assert.True(Sum(rows, Metric.RecordsCollected) > 0, "use-first collected nothing");
        foreach (var row in rows)
            Assert.True(row.Values[Metric.MeanReidRisk] == TickRow.RatioScale, $"tick {row.Tick}: use-first mean_reid_risk {row.Value(Metric.MeanReidRisk)} != 1");
    }

    /// <summary>
    /// Precautionary anonymises to k &gt;= K (5): every held record's risk is at most 1/K, so its mean re-identification risk is at
    /// most 1/K in every tick, and "far below" dynamic balance's (which only pseudonymises): less than a tenth of it on average.
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

    [Fact]
    public void RightsThatDoNotExist_AreNeverServed()
    {
        var regime = RegimeCatalog.Get("use-first");
        Assert.Equal(ExplanationRight.None, regime.ExplanationRight);
        Assert.Equal(RestrictionRight.None, regime.RestrictionRight);
        var rows = Large("use-first");
        Assert.True(Sum(rows, Metric.ExplanationsServed) == 0, $"use-first served {Sum(rows, Metric.ExplanationsServed)} explanations");
        Assert.True(Sum(rows, Metric.RestrictionsServed) == 0, $"use-first served {Sum(rows, Metric.RestrictionsServed)} restrictions");
        // the requests were made: subjects asked, the regime refused
        Assert.True(Sum(rows, Metric.ExplanationRequests) > 0, "nobody asked use-first for an explanation");
        Assert.True(Sum(rows, Metric.RestrictionRequests) > 0, "nobody asked use-first to restrict processing");
        // where the rights exist they are served
        foreach (var name in new[] { "protection-first", "dynamic-balance", "precautionary" })
        {
            Assert.True(Sum(Large(name), Metric.ExplanationsServed) > 0, $"{name} served no explanations");
            Assert.True(Sum(Large(name), Metric.RestrictionsServed) > 0, $"{name} served no restrictions");
        }
    }

    [Fact]
    public void ServedRequests_NeverExceedRequests_WhereServiceIsImmediateOrAllOrNothing()
    {
        foreach (var name in RegimeCatalog.BuiltInNames)
        {
            var rows = Large(name);
            // explanations are answered on the spot: per tick
            foreach (var row in rows)
                Assert.True(row.Values[Metric.ExplanationsServed] <= row.Values[Metric.ExplanationRequests], $"{name} tick {row.Tick}: more explanations served than asked");
            // deletions and restrictions are served after a delay: over the run
            Assert.True(Sum(rows, Metric.DeletionsServed) <= Sum(rows, Metric.DeletionRequests), $"{name}: more deletions served than requested");
            Assert.True(Sum(rows, Metric.RestrictionsServed) <= Sum(rows, Metric.RestrictionRequests), $"{name}: more restrictions served than requested");
        }
    }

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

    [Fact]
    public void Precautionary_ExcludesSensitiveDataFromTrainingAndPrivateMarkedItemsFromScraping()
    {
        var precautionary = Large("precautionary");
        var dynamic = Large("dynamic-balance");
        // private-marked items excluded and high-risk processing blocked: fewer intrusions than dynamic balance
        Assert.True(Sum(precautionary, Metric.PrivacyIntrusions) < Sum(dynamic, Metric.PrivacyIntrusions),
            $"precautionary intrusions {Sum(precautionary, Metric.PrivacyIntrusions)} not below dynamic balance {Sum(dynamic, Metric.PrivacyIntrusions)}");
        Assert.True(Sum(precautionary, Metric.SensitiveRecordsCollected) < Sum(dynamic, Metric.SensitiveRecordsCollected),
            "precautionary collected no fewer sensitive records than dynamic balance");
        // a stronger output filter (0.8 vs 0.5) and anonymisation (a regurgitated record points to its subject with chance <= 1/K) cut regurgitation harm
        Assert.True(Sum(precautionary, Metric.HarmRegurgitationYuan) < Sum(dynamic, Metric.HarmRegurgitationYuan),
            "precautionary regurgitation harm not below dynamic balance's");
    }
}
