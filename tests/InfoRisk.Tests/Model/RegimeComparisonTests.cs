using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using static InfoRisk.Tests.Model.ModelRuns;

namespace InfoRisk.Tests.Model;

/// <summary>
/// Regime-level comparisons on whole runs, involving several mechanisms at once: use-first collects and intrudes at least as
/// much as protection-first with the same seed; use-first never obtains consent and leaves every record identified;
/// precautionary intrudes, collects sensitive data and harms by regurgitation less than dynamic balance. Each check follows
/// from lever values read from the regime itself (so it also fails if a regime file loses the lever); the shared
/// 20,000-subject, 365-tick runs with seed 42 are those of <see cref="ModelRuns.Large"/>.
/// </summary>
[Collection(SharedRunsCollection.Name)]
public class RegimeComparisonTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void UseFirst_CollectsAndIntrudesAtLeastAsMuchAsProtectionFirst_WithTheSameSeed(ulong seed)
    {
        var use = PlainRun.Run(Spec("use-first", 2_000, 600, seed: seed));
        var protect = PlainRun.Run(Spec("protection-first", 2_000, 600, seed: seed));
        foreach (var m in new[] { Metric.RecordsCollected, Metric.SensitiveRecordsCollected, Metric.PrivacyIntrusions })
        {
            Assert.True(Sum(use, m) >= Sum(protect, m), $"seed {seed}: use-first {Name(m)} {Sum(use, m)} < protection-first {Sum(protect, m)}");
        }
        Assert.True(Sum(use, Metric.RecordsCollected) > Sum(protect, Metric.RecordsCollected), $"seed {seed}: use-first collected no more than protection-first");
        Assert.True(use[^1].Values[Metric.RecordsHeld] >= protect[^1].Values[Metric.RecordsHeld], $"seed {seed}: use-first holds fewer records at the end");
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
