using InfoRisk.Model.Configuration;
using InfoRisk.Model.Engine;
using InfoRisk.Model.Metrics;
using InfoRisk.Model.World;
using InfoRisk.Tests.Model;

namespace InfoRisk.Tests.Mechanisms;

/// <summary>
/// Data minimisation (docs/model.md §3.4-3.5, Mechanisms/DataMinimisation.cs): a provider keeps ⌊m × n + u⌋ of the n
/// records it could collect in a scrape or a tick's prompts (m × n on average), and a minimising scraper leaves
/// private-marked items out first.
/// </summary>
public class DataMinimisationTests
{
    private static Regime UseFirst(double m) => RegimeCatalog.Get("use-first") with { DataMinimisation = m };

    [Fact]
    public void Keep_IsTheShareRoundedStochastically()
    {
        Assert.Equal(4, DataMinimisation.Keep(UseFirst(0.5), 8, 0.99));
        Assert.Equal(5, DataMinimisation.Keep(UseFirst(0.8), 7, 0.3));  // ⌊5.6 + 0.3⌋
        Assert.Equal(6, DataMinimisation.Keep(UseFirst(0.8), 7, 0.5));  // ⌊5.6 + 0.5⌋
        Assert.Equal(8, DataMinimisation.Keep(UseFirst(1.0), 8, 0.99));
        Assert.Equal(0, DataMinimisation.Keep(UseFirst(0.5), 0, 0.99));
        Assert.False(DataMinimisation.Limits(UseFirst(1.0)));
        // m × n on average, even from a single record: 1 record at m = 0.3 over 10,000 uniforms on a grid
        var kept = Enumerable.Range(0, 10_000).Sum(k => DataMinimisation.Keep(UseFirst(0.3), 1, (k + 0.5) / 10_000));
        Assert.Equal(3_000, kept);
    }

    /// <summary>
    /// use-first (free scraping, no consent, private-marked items taken) with 8 public items of which 3 are marked private and
    /// 4 sensitive ones (shares chosen so that m × n is whole: no rounding): at m = 0.5 the scraper keeps 4 items, all plain,
    /// and 2 sensitive (intrusions); at m = 0.75 it keeps 6: the 5 plain ones and 1 private-marked (an intrusion), and 3
    /// sensitive; at m = 1 all 8 and 4.
    /// </summary>
    [Theory]
    [InlineData(0.5, 4, 2, 0)]
    [InlineData(0.75, 6, 3, 1)]
    [InlineData(1.0, 8, 4, 3)]
    public void AScrape_KeepsTheShare_LeavingPrivateMarkedItemsOutFirst(double m, int general, int sensitive, int privateTaken)
    {
        var h = MechanismHarness.For("use-first", new ModelParameters { ScrapeRatePerDay = 1.0 }, levers: r => r with { DataMinimisation = m });
        h.Subject(0, general: 8, sensitive: 4, privateMarked: 3);
        h.Scraping.Run(h.World(0));
        Assert.Equal((general, sensitive), (h.S.HeldGeneral[0], h.S.HeldSensitive[0]));
        Assert.Equal(privateTaken + sensitive, h.Tally[TallyField.PrivacyIntrusions]);
    }

    /// <summary>Prompts: of 6 general and 4 sensitive records in a user's own prompts, m = 0.5 keeps 3 and 2.</summary>
    [Fact]
    public void Prompts_KeepTheShare()
    {
        var h = MechanismHarness.For("use-first", levers: r => r with { DataMinimisation = 0.5 });
        h.Subject(0, general: 10);
        h.Prompts.Keep(h.World(0), [new ExchangeEntry(0, 0, ExchangeKind.OwnPrompt, 6, 4, 0)]);
        Assert.Equal((3, 2), (h.S.HeldGeneral[0], h.S.HeldSensitive[0]));
    }

    /// <summary>
    /// A whole run (use-first, 2,000 subjects, 120 days, the same seed): minimisation to a third collects fewer records and
    /// memorises fewer, and the providers' models are trained on less (lower quality): the trade-off the lever makes.
    /// </summary>
    [Fact]
    public void AWholeRun_CollectsAndMemorisesLess_AtACostInQuality()
    {
        TickRowSums Run(double m) => new(PlainRun.Run(ModelRuns.Spec(UseFirst(m), 2_000, 600, seed: 21, ticks: 120)));
        var full = Run(1.0);
        var third = Run(1.0 / 3);
        Assert.True(third.Sum(Metric.RecordsCollected) < 0.6 * full.Sum(Metric.RecordsCollected), $"collected {third.Sum(Metric.RecordsCollected)} vs {full.Sum(Metric.RecordsCollected)}");
        Assert.True(third.Last(Metric.RecordsMemorized) < full.Last(Metric.RecordsMemorized), "memorised no fewer records");
        Assert.True(third.Last(Metric.ModelQuality) < full.Last(Metric.ModelQuality), "model quality not lower");
    }

    private sealed class TickRowSums(TickRow[] rows)
    {
        public long Sum(int metric) => rows.Sum(r => r.Values[metric]);

        public long Last(int metric) => rows[^1].Values[metric];
    }
}
