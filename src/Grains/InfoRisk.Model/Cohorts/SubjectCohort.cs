using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Cohorts;

/// <summary>
/// A block of data subjects: the arrays (<see cref="SubjectStore"/>) and the mechanisms that act on them, called in tick
/// order (docs/model.md §1). Each tick runs in two calls with a barrier between them: <see cref="Collect"/> (phase 3:
/// collection, and on training ticks the class counts for aggregation), then <see cref="Advance"/> (phase 5: training,
/// use, leakage, harm, rights, litigation). Every draw is keyed by the subject's global id, so results do not depend on
/// how subjects are split into cohorts, and subjects do not interact within a phase, so each mechanism may run over the
/// whole cohort in turn.
/// </summary>
public sealed class SubjectCohort
{
    private readonly ModelContext _ctx;
    private readonly SubjectStore _s;
    private readonly Tally _tally;
    private readonly PromptRecords _prompts;
    private readonly Scraping _scraping;
    private readonly DeployerIngestion _ingestion;
    private readonly Aggregation _aggregation;
    private readonly Memorisation _memorisation;
    private readonly Regurgitation _regurgitation;
    private readonly FalseInformation _falseInformation;
    private readonly AutomatedDecisions _decisions;
    private readonly Breaches _breaches;
    private readonly SecondaryUseHarm _misuse;
    private readonly Rights _rights;
    private readonly Harm _harm;
    private readonly Litigation _litigation;
    private ExchangeEntry[] _entries = [];

    public int First => _s.First;
    public int Count => _s.Count;

    public SubjectCohort(ModelContext ctx, int first, int count)
    {
        _ctx = ctx;
        _s = new SubjectStore(ctx, first, count);
        _tally = new Tally(ctx.Providers, ctx.Deployers);
        _harm = new Harm(ctx, _s, _tally);
        _litigation = new Litigation(ctx, _s, _tally);
        _rights = new Rights(ctx, _s, _tally);
        var consent = new Consent(ctx, _s);
        var intrusions = new Intrusions(ctx, _s, _tally, _harm);
        _prompts = new PromptRecords(ctx, _s, _tally, consent, intrusions);
        _scraping = new Scraping(ctx, _s, _tally, consent, intrusions);
        _ingestion = new DeployerIngestion(ctx, _s, _tally);
        _aggregation = new Aggregation(ctx, _s);
        _memorisation = new Memorisation(ctx, _s, _tally);
        _regurgitation = new Regurgitation(ctx, _s, _tally, _harm, _aggregation);
        _falseInformation = new FalseInformation(ctx, _s, _tally, _harm, _rights);
        _decisions = new AutomatedDecisions(ctx, _s, _tally, _harm);
        _breaches = new Breaches(ctx, _s, _tally, _harm, _aggregation);
        _misuse = new SecondaryUseHarm(ctx, _s, _harm);
        for (var i = 0; i < count; i++)
        {
            var a = ctx.Traits.Draw(ctx.Seed, first + i);
            (_s.Qi[i], _s.Protected[i], _s.Concern[i], _s.Literacy[i]) = (a.QuasiIdentifierKey, a.Protected, a.Concern, a.Literacy);
            (_s.General[i], _s.Sensitive[i], _s.PrivateMarked[i]) = (a.GeneralItems, a.SensitiveItems, a.PrivateMarkedItems);
            _ingestion.AssignRelations(i);
        }
    }

    /// <summary>
    /// Phase 3, collection. <paramref name="entries"/> are the exchange entries for this cohort's subjects from every user
    /// cohort; they are sorted here, so arrival order never matters. On training ticks returns the class counts.
    /// </summary>
    public ClassCounts? Collect(WorldSnapshot world, ExchangeEntry[] entries)
    {
        _tally.Clear();
        Array.Sort(entries);
        _entries = entries;
        _prompts.Keep(world, entries);      // §3.5 prompts kept for training
        _scraping.Run(world);               // §3.4 scraping (§3.3 consent, §3.6 intrusions)
        _ingestion.Run(world);              // §3.7 deployers take in customers' data
        return world.TrainingTick ? _aggregation.CountClasses() : null; // §3.8, summed by the providers
    }

    /// <summary>Phase 5: runs the rest of the tick and returns the cohort's tallies (flows of this tick and end-of-tick stocks).</summary>
    public Tally Advance(WorldSnapshot world)
    {
        var tick = world.Tick;
        _harm.BeginTick(tick);
        _regurgitation.BeginTick(world);
        _falseInformation.BeginTick(world);
        Market.Withdraw(_s, world);                         // §3.30 stores of providers that left, at the end of their retention
        if (world.TrainingTick) _memorisation.Train(world); // §3.9 memorisation, §3.10 mosaic effect
        Outputs(world);                                     // §3.12 regurgitation, §3.13 hallucination, §3.23 unlawful reuse
        _falseInformation.Fakes(_entries);                  // §3.13 malicious users' fakes
        _decisions.Run(world);                              // §3.14 automated decisions and explanations
        _breaches.Run(world);                               // §3.15 breaches of providers and deployers
        _rights.Exercise(tick);                             // §3.17 awareness, objection, requests
        _rights.Serve(tick);                                // §3.17 deletions and restrictions due today
        _litigation.JudgeDue(tick);                         // §3.21 judgments of claims filed court_delay_days ago
        _harm.Realise(tick, _litigation);                   // §3.16 harms due today, §3.18-3.21 litigation
        _litigation.Report();
        _s.Calendar?.Release(tick);
        _s.Stocks.Report(world, _tally);
        _entries = [];
        return _tally.Clone();
    }

    /// <summary>What each provider's outputs and reuse do to each subject today: regurgitation, hallucination and unlawful reuse, from one draw sequence.</summary>
    private void Outputs(WorldSnapshot world)
    {
        if (_s.Calendar is { } calendar)
        {
            OutputsSkipping(world, calendar);
            return;
        }
        var tick = world.Tick;
        var providers = _s.Providers;
        for (var i = 0; i < _s.Count; i++)
        {
            var use = new DrawSequence(_ctx.Seed, RandomStream.Use, _s.First + i, tick);
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                _regurgitation.Emit(i, p, ip, use);
                _falseInformation.Hallucinate(i, p, ip, use);
                _misuse.Misuse(i, p, ip, world.Providers[p], use);
            }
        }
    }

    /// <summary>Event skipping (docs/model.md §8): only the pairs with a candidate event today are visited.</summary>
    private void OutputsSkipping(WorldSnapshot world, EventCalendar calendar) =>
        OutputCandidates(world, calendar, _s.Providers, _regurgitation, _falseInformation, _misuse);

    /// <summary>
    /// Event skipping: restarts the output chains that need it (after training), then handles today's regurgitation,
    /// hallucination and unlawful-reuse candidates in (subject, chain, provider) order.
    /// </summary>
    internal static void OutputCandidates(WorldSnapshot world, EventCalendar calendar, int providers, Regurgitation regurgitation,
        FalseInformation falseInformation, SecondaryUseHarm misuse)
    {
        var tick = world.Tick;
        regurgitation.PrepareChains(world, calendar);
        falseInformation.PrepareChains(calendar);
        misuse.PrepareChains(world, calendar);
        if (calendar.Due(tick) is not { } due) return;
        var count = due.Count; // entries added today from here on are reconsiderations (handled by Rights)
        for (var k = 0; k < count; k++)
        {
            var e = due[k];
            int i = EventCalendar.Local(e), p = EventCalendar.Index(e), ip = i * providers + p;
            switch (EventCalendar.ChainOf(e))
            {
                case Chain.Regurgitation: regurgitation.Candidate(i, p, ip, calendar); break;
                case Chain.Hallucination: falseInformation.Candidate(i, p, ip, calendar); break;
                case Chain.Misuse: misuse.Candidate(i, p, ip, world.Providers[p], tick, calendar); break;
            }
        }
    }

    // ---------- read access for tests and invariants
    internal SubjectStore Store => _s;

    internal (long[] Kept, long[] Recounted) StocksKeptAndRecounted() => _s.Stocks.KeptAndRecounted();

    internal long HarmFen(int i) => _s.HarmFen[i];

    internal long CompensationFen(int i) => _s.CompensationFen[i];

    internal int Claims(int i) => _s.Claims[i];

    internal int HeldRecords(int i, int p) => _s.Held(i * _s.Providers + p);
}
