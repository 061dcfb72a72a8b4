using System.Text.Json.Serialization;
using InfoRisk.Model.Actors;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("scrape_rate_per_day")]
    [Parameter(21, 0, 1, Unit = "1/day", Meaning = "Daily chance that a provider's crawler reaches a (subject, provider) pair not yet scraped", Source = "assumption: a crawler reaches a person's public items about two months into the run")]
    public double ScrapeRatePerDay { get; init; } = 1.0 / 60.0;
}

/// <summary>
/// Scraping of public data (docs/model.md §3.4), with objections, private-marked and sensitive items. Paper 二(二)1:
/// 「可以在没有人工监督的情形下主动抓取互联网数据」 (actively scrapes internet data without human supervision) and
/// 「缺乏必要的筛选与过滤机制」 (lacking screening and filtering). A reached pair is scraped once, taking every available
/// item; consent is asked where the regime needs it; items taken without consent that are private-marked or sensitive are
/// intrusions (<see cref="Intrusions"/>). How hard a provider scrapes, and whether it takes private-marked and
/// unconsented sensitive items where the law lets it, are its choices (<see cref="ProviderStrategy"/>).
/// </summary>
public sealed class Scraping(ModelContext ctx, SubjectStore s, Tally tally, Consent consent, Intrusions intrusions)
{
    private readonly Regime _regime = ctx.Regime;

    /// <summary>Whether the regime honours a subject's objection to scraping.</summary>
    private bool ObjectionsHonoured => HonoursObjections(_regime);

    /// <summary>Whether a regime honours a subject's objection to scraping.</summary>
    public static bool HonoursObjections(Regime regime) => regime.Scraping != ScrapingRule.Free || regime.ConsentGeneral == ConsentMode.OptOut;

    // event skipping (docs/model.md §8): each provider's bound on the daily reach, and whether the chains have started
    private readonly double[] _bound = new double[ctx.Providers];
    private bool _chains;

    /// <summary>Each pair not yet scraped is reached with probability scrape_rate_per_day × the provider's scraping intensity, and scraped.</summary>
    public void Run(WorldSnapshot world)
    {
        var tick = world.Tick;
        var rate = ctx.P.ScrapeRatePerDay;
        var honoured = ObjectionsHonoured;
        var providers = s.Providers;
        var state = s.State;
        Span<double> reach = stackalloc double[providers];
        var any = false;
        for (var p = 0; p < providers; p++)
        {
            reach[p] = world.Providers[p].Active ? rate * world.Providers[p].ScrapingIntensity : 0.0;
            any |= reach[p] > 0;
        }
        if (s.Calendar is { } calendar)
        {
            RunSkipping(world, calendar, reach);
            return;
        }
        if (!any) return;
        for (var i = 0; i < s.Count; i++)
        {
            // the subject's draw sequence is keyed only when a provider has not scraped it yet (same key, same draws)
            var d = new LazyDrawSequence(ctx.Seed, RandomStream.Collection, s.First + i, tick);
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                // an honoured objection makes a scrape a no-op, so its draw is not needed
                var st = state[ip];
                if ((st & PairState.Scraped) == 0 && reach[p] > 0 && !(honoured && (st & PairState.Objected) != 0) && d.Uniform(DrawLayout.Scraping.Reach + p) < reach[p])
                    Scrape(i, p, ip, world.Providers[p], tick, ref d);
            }
        }
    }

    /// <summary>
    /// Event skipping: the chains of pairs not yet scraped are (re)started when a provider's reach exceeds its bound, or on a
    /// training tick when it fell below half of it; each candidate due today is accepted with probability reach / bound.
    /// </summary>
    private void RunSkipping(WorldSnapshot world, EventCalendar calendar, Span<double> reach)
    {
        var tick = world.Tick;
        var providers = s.Providers;
        var state = s.State;
        var honoured = ObjectionsHonoured;
        var inv = calendar.InvLogNot(Chain.Scrape);
        var restart = !_chains;
        for (var p = 0; p < providers; p++)
            restart |= reach[p] > _bound[p] || (world.TrainingTick && reach[p] < 0.5 * _bound[p]);
        if (restart)
        {
            _chains = true;
            calendar.Remove(Chain.Scrape, tick);
            for (var p = 0; p < providers; p++)
            {
                _bound[p] = reach[p];
                inv[p] = Geometric.InvLogNot(reach[p]);
            }
            for (var i = 0; i < s.Count; i++)
            {
                var ip = i * providers;
                for (var p = 0; p < providers; p++, ip++)
                {
                    var st = state[ip];
                    if ((st & PairState.Scraped) != 0 || (honoured && (st & PairState.Objected) != 0) || _bound[p] <= 0) continue;
                    calendar.Start(i, Chain.Scrape, p, tick, tick, DrawLayout.WaitingFirst.Scrape + p, inv[p]);
                }
            }
        }
        if (calendar.Due(tick) is not { } due) return;
        for (var k = 0; k < due.Count; k++)
        {
            var e = due[k];
            if (EventCalendar.ChainOf(e) != Chain.Scrape) continue;
            int i = EventCalendar.Local(e), p = EventCalendar.Index(e), ip = i * providers + p;
            var st = state[ip];
            if ((st & PairState.Scraped) != 0 || (honoured && (st & PairState.Objected) != 0)) continue; // the chain ends
            var d = new LazyDrawSequence(ctx.Seed, RandomStream.Collection, s.First + i, tick);
            if (reach[p] >= _bound[p] || (reach[p] > 0 && d.Uniform(DrawLayout.Scraping.Reach + p) * _bound[p] < reach[p]))
            {
                Scrape(i, p, ip, world.Providers[p], tick, ref d); // scraped: the chain ends
                continue;
            }
            calendar.Next(i, Chain.Scrape, p, tick, DrawLayout.WaitingNext.Scrape + p, inv[p]);
        }
    }

    private void Scrape(int i, int p, int ip, ProviderView provider, int tick, ref LazyDrawSequence d)
    {
        if ((s.State[ip] & PairState.Objected) != 0 && ObjectionsHonoured) return;
        var consentNeeded = _regime.Scraping == ScrapingRule.WithConsent || _regime.ConsentGeneral == ConsentMode.OptIn;
        var sensitiveAvailable = (int)s.Sensitive[i];
        var askConsent = consentNeeded || (sensitiveAvailable > 0 && _regime.ConsentSensitive == ConsentMode.OptIn);
        var consented = askConsent && consent.Ensure(i, p, ip, provider.Quality);
        s.State[ip] |= PairState.Scraped;
        s.Stocks.ScrapedChanged(p, true);

        var general = consentNeeded && !consented ? 0 : (int)s.General[i];
        var privateMarked = Math.Min(general, (int)s.PrivateMarked[i]);
        // data minimisation keeps a share of the items, leaving private-marked ones out first
        var minimise = DataMinimisation.Limits(_regime);
        var cap = DataMinimisation.Keep(_regime, general, minimise ? d.Uniform(DrawLayout.Scraping.Minimise + 2 * p) : 0);
        if (general > 0 && !consented)
        {
            var plain = general - privateMarked;
            var privateTaken = provider.TakesPrivateMarked ? Math.Clamp(cap - plain, 0, privateMarked) : 0;
            general = Math.Min(plain, cap) + privateTaken;
            // Civil Code art. 1032: a private-marked item taken without consent is a privacy intrusion, knowingly made
            if (privateTaken > 0) intrusions.Take(i, p, privateTaken, 0.0, IntrusionRoute.ScrapedPrivate, false, tick);
        }
        else general = cap;

        // without consent, sensitive items are taken only where the law allows it (no opt-in, no risk assessment) and the provider chooses to
        var sensitive = consented || (provider.TakesUnconsentedSensitive && ConductBounds.MayTakeUnconsentedSensitive(_regime, provider.RiskGrade)) ? sensitiveAvailable : 0;
        sensitive = DataMinimisation.Keep(_regime, sensitive, minimise && sensitive > 0 ? d.Uniform(DrawLayout.Scraping.Minimise + 2 * p + 1) : 0);
        if (sensitive > 0 && !consented)
        {
            tally.Provider(p, ProviderField.UnconsentedSensitiveRecords) += sensitive;
            intrusions.Take(i, p, sensitive, 0.0, IntrusionRoute.ScrapedSensitive, true, tick);
        }
        tally.Provider(p, ProviderField.ScrapedRecords) += general + sensitive;
        s.AddRecords(i, ip, general, sensitive, consented, tally);
    }
}
