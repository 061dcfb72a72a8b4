using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Scraping of public data (docs/model.md §3.4, Mechanisms/Scraping.cs): a reached pair is scraped once; consent is asked
/// where needed; objections are honoured unless scraping is free and consent_general is none; private-marked and
/// sensitive items taken without consent are intrusions; exclude_private_marked and risk_assessment leave items out.
/// </summary>
public class ScrapingTests
{
    // scrape_rate_per_day = 1: every pair not yet scraped is reached today
    private static readonly ModelParameters Always = new() { ScrapeRatePerDay = 1.0 };

    /// <summary>A scrape under a regime, without data minimisation (DataMinimisationTests checks that lever).</summary>
    private static MechanismHarness Scraped(string regime, Action<MechanismHarness> setUp, Func<Regime, Regime>? levers = null, int subjects = 1)
    {
        var h = MechanismHarness.For(regime, Always, subjects: subjects, levers: r => (levers ?? (x => x))(r with { DataMinimisation = 1 }));
        for (var i = 0; i < subjects; i++) h.Subject(i, general: 8, sensitive: 2, privateMarked: 3);
        setUp(h);
        h.Scraping.Run(h.World(0));
        return h;
    }

    private static (int General, int Sensitive) Held(MechanismHarness h, int i) => (h.S.HeldGeneral[h.Pair(i, 0)], h.S.HeldSensitive[h.Pair(i, 0)]);

    /// <summary>with_consent (protection-first): a subject who refused gives nothing; one who agreed gives everything, with no intrusion.</summary>
    [Fact]
    public void WithConsent_TakesNothingFromARefusingSubject_AndEverythingFromAConsentingOne()
    {
        var h = Scraped("protection-first", h =>
        {
            h.Mark(0, 0, PairState.ConsentAsked);                                               // asked, refused
            h.Mark(1, 0, PairState.ConsentAsked | PairState.Consented | PairState.Informed);     // asked, agreed, informed
        }, subjects: 2);
        Assert.Equal(ScrapingRule.WithConsent, h.Regime.Scraping);
        Assert.Equal((0, 0), Held(h, 0));
        Assert.True(h.Has(0, 0, PairState.Scraped), "the refusing subject's pair was not marked as scraped");
        Assert.Equal((8, 2), Held(h, 1));
        Assert.Equal(0, h.Tally[TallyField.PrivacyIntrusions]);
        Assert.Equal(10, h.Tally[TallyField.RecordsCollected]);
        Assert.Equal(2, h.Tally[TallyField.SensitiveRecordsCollected]);
        Assert.Equal(10, h.Tally[TallyField.ConsentedRecords]);
        Assert.Equal(10, h.Tally[TallyField.InformedConsentRecords]);
        Assert.Equal(0, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
    }

    /// <summary>
    /// free with consent_general none (use-first): everything is taken without asking, even from a subject who objected;
    /// each private-marked item (3) and each sensitive item (2) is an intrusion, and the sensitive ones are unconsented
    /// sensitive records.
    /// </summary>
    [Fact]
    public void Free_WithNoConsent_TakesEverything_AndCountsEachPrivateMarkedAndSensitiveItemAsAnIntrusion()
    {
        var h = Scraped("use-first", h => h.Mark(0, 0, PairState.Objected));
        Assert.Equal(ConsentMode.None, h.Regime.ConsentGeneral);
        Assert.Equal((8, 2), Held(h, 0));
        Assert.False(h.Has(0, 0, PairState.ConsentAsked), "consent was asked under consent_general none and consent_sensitive opt_out");
        Assert.Equal(3 + 2, h.Tally[TallyField.PrivacyIntrusions]);
        Assert.Equal(2, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
        Assert.Equal(0, h.Tally[TallyField.ConsentedRecords]);
    }

    [Fact]
    public void ExcludePrivateMarked_LeavesThemOut_InsteadOfIntruding()
    {
        var h = Scraped("use-first", _ => { }, r => r with { ExcludePrivateMarked = true });
        Assert.Equal((8 - 3, 2), Held(h, 0));
        Assert.Equal(2, h.Tally[TallyField.PrivacyIntrusions]); // the sensitive items only
    }

    [Fact]
    public void RiskAssessment_TakesNoSensitiveItemWithoutConsent()
    {
        var h = Scraped("use-first", _ => { }, r => r with { RiskAssessment = RiskAssessmentMode.Uniform });
        Assert.Equal((8, 0), Held(h, 0));
        Assert.Equal(3, h.Tally[TallyField.PrivacyIntrusions]);
        Assert.Equal(0, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
    }

    /// <summary>
    /// An objection is honoured where the scraping rule is not free, or consent_general is opt_out: then the objector's pair
    /// is not even reached. Under free scraping with consent_general none it is ignored.
    /// </summary>
    [Theory]
    [InlineData("dynamic-balance", null, true)]                   // objections_honoured
    [InlineData("protection-first", null, true)]                  // with_consent
    [InlineData("use-first", ConsentMode.OptOut, true)]           // free, but opt_out honours objections
    [InlineData("use-first", null, false)]                        // free and none: ignored
    public void AnObjection_IsHonouredExactlyWhereTheRuleSays(string regime, ConsentMode? general, bool honoured)
    {
        var h = Scraped(regime, h =>
        {
            h.Mark(0, 0, PairState.Objected | PairState.ConsentAsked | PairState.Consented);
        }, r => general is { } g ? r with { ConsentGeneral = g } : r);
        if (honoured)
        {
            Assert.Equal((0, 0), Held(h, 0));
            Assert.False(h.Has(0, 0, PairState.Scraped), "an honoured objection still let the pair be scraped");
            Assert.Equal(0, h.Tally[TallyField.RecordsCollected]);
        }
        else
        {
            Assert.Equal((8, 2), Held(h, 0));
        }
    }

    /// <summary>
    /// objections_honoured with opt_out general and opt_in sensitive consent (dynamic balance): consent is asked only because
    /// there are sensitive items; a refusal keeps the sensitive items out but the general ones are taken, and their
    /// private-marked items are intrusions. A subject with no sensitive item is never asked.
    /// </summary>
    [Fact]
    public void OptOutGeneral_OptInSensitive_AsksOnlyForSensitiveItems()
    {
        var h = Scraped("dynamic-balance", h =>
        {
            h.Mark(0, 0, PairState.ConsentAsked);          // refused
            h.Subject(1, general: 8, sensitive: 0, privateMarked: 3);
        }, subjects: 2);
        Assert.Equal((8, 0), Held(h, 0));
        Assert.Equal((8, 0), Held(h, 1));
        Assert.False(h.Has(1, 0, PairState.ConsentAsked), "a subject without sensitive items was asked for consent");
        Assert.Equal(3 + 3, h.Tally[TallyField.PrivacyIntrusions]);
        Assert.Equal(0, h.Tally.Provider(0, ProviderField.UnconsentedSensitiveRecords));
    }

    /// <summary>
    /// Each pair not yet scraped is reached with probability scrape_rate_per_day (20,000 subjects × 2 providers at 0.25,
    /// 4 binomial standard errors), and a pair is scraped once: on the next tick only pairs not yet scraped are reached,
    /// and the records of a scraped pair do not change even though the subject now has more items.
    /// </summary>
    [Fact]
    public void EachPair_IsReachedAtTheDailyRate_AndScrapedOnlyOnce()
    {
        const int n = 20_000;
        var h = MechanismHarness.For("use-first", new ModelParameters { ScrapeRatePerDay = 0.25 }, subjects: n, providers: 2);
        for (var i = 0; i < n; i++) h.Subject(i, general: 4);
        h.Scraping.Run(h.World(0));
        var first = h.S.State.Count(s => (s & PairState.Scraped) != 0);
        MechanismHarness.WithinFourSe(first, 2 * n, 0.25, "pairs scraped on the first day");
        Assert.Equal(4L * first, h.Tally[TallyField.RecordsCollected]);

        for (var i = 0; i < n; i++) h.S.General[i] = 9;
        h.Tally.Clear();
        var before = h.S.HeldGeneral.ToArray();
        h.Scraping.Run(h.World(1));
        var second = h.S.State.Count(s => (s & PairState.Scraped) != 0) - first;
        MechanismHarness.WithinFourSe(second, 2 * n - first, 0.25, "pairs first scraped on the second day");
        for (var ip = 0; ip < 2 * n; ip++)
        {
            if (before[ip] > 0) Assert.Equal(4, h.S.HeldGeneral[ip]);
            else Assert.True(h.S.HeldGeneral[ip] is 0 or 9, $"pair {ip}: {h.S.HeldGeneral[ip]} records");
        }
        Assert.Equal(9L * second, h.Tally[TallyField.RecordsCollected]);
    }

    [Fact]
    public void RecordsOfAPair_AreCappedAt255PerClass()
    {
        var h = Scraped("use-first", h => h.Hold(0, 0, 250, 254));
        Assert.Equal((255, 255), Held(h, 0));
    }
}
