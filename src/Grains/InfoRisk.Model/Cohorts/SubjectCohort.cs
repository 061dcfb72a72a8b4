using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Population;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Model.Cohorts;

/// <summary>
/// A block of data subjects held as arrays (struct of arrays). Each tick runs in two calls with a barrier
/// between them: <see cref="Collect"/> (collection, and on training ticks the class counts for aggregation),
/// then <see cref="Advance"/> (training, use and generation, leakage, harm, rights, litigation).
/// Every draw is keyed by the subject's global id, so results do not depend on how subjects are split into cohorts.
/// </summary>
public sealed class SubjectCohort
{
    // bits of the per (subject, provider) state
    private const ushort Scraped = 1, ConsentAsked = 2, Consented = 4, Informed = 8, Objected = 16, Aware = 32,
        Restricted = 64, DeletionPending = 128, RestrictionPending = 256, Inferable = 512;

    // bits of the per-subject deployer state (slot 0 and slot 1)
    private const byte Held0 = 1, Held1 = 2, Sensitive0 = 4, Sensitive1 = 8;

    private const ushort NoDeployer = ushort.MaxValue;

    private readonly ModelContext _ctx;
    private readonly LiabilityRules _liability;
    private readonly Regime _regime;
    private readonly ModelParameters _p;
    private readonly int _providers;

    // per subject
    private readonly int[] _qi;
    private readonly bool[] _protected;
    private readonly byte[] _concern;
    private readonly byte[] _literacy;
    private readonly byte[] _general;
    private readonly byte[] _sensitive;
    private readonly byte[] _privateMarked;
    private readonly ushort[] _deployer0, _deployer1, _start0, _start1;
    private readonly byte[] _deployerState;
    private readonly long[] _harmFen, _compensationFen;
    private readonly ushort[] _claims;

    // per (subject, provider): index i * providers + p
    private readonly byte[] _heldGeneral, _heldSensitive, _memorized;
    private readonly ushort[] _state;

    // events waiting for their tick
    private readonly List<HarmEvent>[] _harmsDue;
    private readonly List<PendingRequest>[] _requestsDue;

    private readonly Tally _tally;
    private ExchangeEntry[] _entries = [];
    private readonly int[] _keyBuffer;
    private readonly StockTable[] _stockTables;
    private readonly double[] _concernLevels, _literacyLevels;

    // End-of-tick stocks kept up to date at every change (docs/performance.md), so that a tick costs no pass over all
    // (subject, provider) pairs. Recounted in full when a provider's class table or de-identification changes.
    private readonly long[] _stockHeld, _stockSensitive, _stockMemorized, _stockSubjects, _stockRestricted, _stockRisk;
    private readonly int[] _stockDeidentification;
    private readonly long[] _stockDeployerRecords;
    private long _stockInferable, _stockDeployerHeld, _stockDeployerSensitive;
    private int _stockClassesTick = int.MinValue;
    private bool _stocksValid;

    public int First { get; }
    public int Count { get; }

    private readonly record struct PendingRequest(int Local, byte Provider, bool Deletion);

    public SubjectCohort(ModelContext ctx, int first, int count)
    {
        _ctx = ctx;
        _liability = new LiabilityRules(ctx);
        _regime = ctx.Regime;
        _p = ctx.P;
        _providers = ctx.Providers;
        First = first;
        Count = count;
        _qi = new int[count];
        _protected = new bool[count];
        _concern = new byte[count];
        _literacy = new byte[count];
        _general = new byte[count];
        _sensitive = new byte[count];
        _privateMarked = new byte[count];
        _deployer0 = new ushort[count];
        _deployer1 = new ushort[count];
        _start0 = new ushort[count];
        _start1 = new ushort[count];
        _deployerState = new byte[count];
        _harmFen = new long[count];
        _compensationFen = new long[count];
        _claims = new ushort[count];
        var pairs = count * _providers;
        _heldGeneral = new byte[pairs];
        _heldSensitive = new byte[pairs];
        _memorized = new byte[pairs];
        _state = new ushort[pairs];
        _harmsDue = new List<HarmEvent>[ctx.Spec.Ticks + 1];
        _requestsDue = new List<PendingRequest>[ctx.Spec.Ticks + 1];
        _tally = new Tally(_providers, ctx.Deployers);
        _keyBuffer = new int[count];
        _stockTables = new StockTable[_providers];
        _concernLevels = ctx.Concern;
        _literacyLevels = ctx.Literacy;
        _stockHeld = new long[_providers];
        _stockSensitive = new long[_providers];
        _stockMemorized = new long[_providers];
        _stockSubjects = new long[_providers];
        _stockRestricted = new long[_providers];
        _stockRisk = new long[_providers];
        _stockDeidentification = new int[_providers];
        _stockDeployerRecords = new long[ctx.Deployers];

        for (var i = 0; i < count; i++)
        {
            var id = first + i;
            var a = ctx.Traits.Draw(ctx.Seed, id);
            _qi[i] = a.QuasiIdentifierKey;
            _protected[i] = a.Protected;
            _concern[i] = a.Concern;
            _literacy[i] = a.Literacy;
            _general[i] = a.GeneralItems;
            _sensitive[i] = a.SensitiveItems;
            _privateMarked[i] = a.PrivateMarkedItems;
            AssignCustomerRelations(i, id);
        }
    }

    /// <summary>Each subject is a customer of up to two deployers, from a given day of the run on.</summary>
    private void AssignCustomerRelations(int i, int id)
    {
        _deployer0[i] = _deployer1[i] = NoDeployer;
        if (_ctx.Deployers == 0) return;
        var d = new DrawSequence(_ctx.Seed, RandomStream.DeployerSetup, id, 0);
        var relations = Math.Min(2, d.Poisson(0, _p.CustomerRelationsMean));
        var horizon = Math.Max(1, Math.Min(_ctx.Spec.Ticks, 365));
        if (relations >= 1)
        {
            _deployer0[i] = (ushort)(d.Uniform(1) * _ctx.Deployers);
            _start0[i] = (ushort)(d.Uniform(2) * horizon);
        }
        if (relations >= 2)
        {
            var other = (ushort)(d.Uniform(3) * _ctx.Deployers);
            if (other != _deployer0[i])
            {
                _deployer1[i] = other;
                _start1[i] = (ushort)(d.Uniform(4) * horizon);
            }
        }
    }

    private double Concern(int i) => _concernLevels[_concern[i]];

    private double Literacy(int i) => _literacyLevels[_literacy[i]];

    // =====================================================================================
    // Phase 1: collection (scraping, prompts, deployer ingestion, consent); class counts for aggregation
    // =====================================================================================

    /// <summary>
    /// Collection phase. <paramref name="entries"/> are the exchange entries for this cohort's subjects from every
    /// user cohort; they are sorted here, so arrival order never matters. On training ticks returns the class counts.
    /// </summary>
    public ClassCounts? Collect(WorldSnapshot world, ExchangeEntry[] entries)
    {
        _tally.Clear();
        _currentTick = world.Tick;
        Array.Sort(entries);
        _entries = entries;
        var tick = world.Tick;
        var seed = _ctx.Seed;

        ApplyPrompts(world, entries);

        var scrapeRate = _p.ScrapeRatePerDay;
        var objectionsHonoured = _regime.Scraping != ScrapingRule.Free || _regime.ConsentGeneral == ConsentMode.OptOut;
        var providers = world.Providers;
        for (var i = 0; i < Count; i++)
        {
            // the subject's draw sequence is keyed only when a provider has not scraped it yet (same key, same draws)
            var d = new LazyDrawSequence(seed, RandomStream.Collection, First + i, tick);
            var ip = i * _providers;
            for (var p = 0; p < _providers; p++, ip++)
            {
                // an honoured objection makes a scrape a no-op (Scrape returns at once), so its draw is not needed
                var st = _state[ip];
                if ((st & Scraped) == 0 && !(objectionsHonoured && (st & Objected) != 0) && d.Uniform(p) < scrapeRate)
                {
                    Scrape(i, p, ip, providers[p]);
                }
            }
            if (_start0[i] == tick && _deployer0[i] != NoDeployer) Ingest(i, 0, world);
            if (_start1[i] == tick && _deployer1[i] != NoDeployer) Ingest(i, 1, world);
        }

        return world.TrainingTick ? CountClasses() : null;
    }

    /// <summary>Asks for consent once per (subject, provider): informed with notice clarity and literacy; agreed with value and concern.</summary>
    private bool EnsureConsent(int i, int p, int ip, double quality)
    {
        ref var st = ref _state[ip];
        if ((st & ConsentAsked) == 0)
        {
            var d = new DrawSequence(_ctx.Seed, RandomStream.Collection, (long)(First + i) * 64 + p, -1);
            st |= ConsentAsked;
            if (d.Uniform(0) < _ctx.AgreeProbability(quality, Concern(i))) st |= Consented;
            if (d.Uniform(1) < _ctx.InformedProbability(Literacy(i))) st |= Informed;
        }
        return (st & Consented) != 0;
    }

    // keep in step with objectionsHonoured in Collect
    private bool ObjectionHonoured(int ip) =>
        (_state[ip] & Objected) != 0 && (_regime.Scraping != ScrapingRule.Free || _regime.ConsentGeneral == ConsentMode.OptOut);

    private void Scrape(int i, int p, int ip, ProviderView provider)
    {
        if (ObjectionHonoured(ip)) return;
        var consentNeeded = _regime.Scraping == ScrapingRule.WithConsent || _regime.ConsentGeneral == ConsentMode.OptIn;
        var sensitiveAvailable = (int)_sensitive[i];
        var askConsent = consentNeeded || (sensitiveAvailable > 0 && _regime.ConsentSensitive == ConsentMode.OptIn);
        var consented = askConsent && EnsureConsent(i, p, ip, provider.Quality);
        _state[ip] |= Scraped;

        var general = consentNeeded && !consented ? 0 : (int)_general[i];
        var privateMarked = Math.Min(general, (int)_privateMarked[i]);
        if (general > 0 && !consented)
        {
            if (_regime.ExcludePrivateMarked)
            {
                general -= privateMarked;
            }
            else if (privateMarked > 0)
            {
                // Civil Code art. 1032: a private-marked item taken without consent is a privacy intrusion.
                _tally[TallyField.PrivacyIntrusions] += privateMarked;
                MaybeIntrusionHarm(i, p, privateMarked, provider, 0, false);
            }
        }

        var sensitive = _regime.ConsentSensitive switch
        {
            ConsentMode.OptIn => consented ? sensitiveAvailable : 0,
            _ => sensitiveAvailable,
        };
        if (_regime.RiskAssessment && !consented) sensitive = 0; // high-risk processing blocked by the assessment
        if (sensitive > 0 && !consented)
        {
            _tally[TallyField.PrivacyIntrusions] += sensitive;
            _tally.Provider(p, ProviderField.UnconsentedSensitiveRecords) += sensitive;
            MaybeIntrusionHarm(i, p, sensitive, provider, 2, true);
        }
        AddRecords(i, ip, general, sensitive, consented);
    }

    private void AddRecords(int i, int ip, int general, int sensitive, bool consented)
    {
        if (general + sensitive == 0) return;
        SetHeld(i, ip, Math.Min(255, _heldGeneral[ip] + general), Math.Min(255, _heldSensitive[ip] + sensitive));
        _tally[TallyField.RecordsCollected] += general + sensitive;
        _tally[TallyField.SensitiveRecordsCollected] += sensitive;
        if (consented)
        {
            _tally[TallyField.ConsentedRecords] += general + sensitive;
            if ((_state[ip] & Informed) != 0) _tally[TallyField.InformedConsentRecords] += general + sensitive;
        }
    }

    /// <summary>Applies prompt records (own and third parties') under the regime's retention rule.</summary>
    private void ApplyPrompts(WorldSnapshot world, ExchangeEntry[] entries)
    {
        var k = 0;
        while (k < entries.Length)
        {
            var e = entries[k];
            if (e.Kind == ExchangeKind.FakeContent) { k++; continue; }
            // merge all entries with the same (subject, provider, kind): they come from different user cohorts
            int general = 0, sensitive = 0;
            var j = k;
            while (j < entries.Length && entries[j].Subject == e.Subject && entries[j].Provider == e.Provider && entries[j].Kind == e.Kind)
            {
                general += entries[j].General;
                sensitive += entries[j].Sensitive;
                j++;
            }
            k = j;
            var i = e.Subject - First;
            var p = e.Provider;
            var ip = i * _providers + p;
            var quality = world.Providers[p].Quality;
            var own = e.Kind == ExchangeKind.OwnPrompt;
            var consented = false;
            switch (_regime.PromptRetention)
            {
                case PromptRetention.All:
                    break;
                case PromptRetention.OptOut:
                    if ((_state[ip] & Objected) != 0) general = sensitive = 0;
                    break;
                case PromptRetention.SeparateConsent:
                    // a user can consent for themself, never for a third party
                    consented = own && EnsureConsent(i, p, ip, quality);
                    if (!consented) general = sensitive = 0;
                    break;
                case PromptRetention.DeidentifiedOnly:
                    sensitive = 0; // sensitive information filtered out; the rest kept de-identified (store level)
                    break;
            }
            if (sensitive > 0 && _regime.ConsentSensitive == ConsentMode.OptIn && !consented)
            {
                consented = own && EnsureConsent(i, p, ip, quality);
                if (!consented) sensitive = 0;
            }
            if (!own && general + sensitive > 0)
            {
                // a third party's information: sensitive items, and private-marked ones, are intrusions
                var d = new DrawSequence(_ctx.Seed, RandomStream.PromptRetention, e.Subject, world.Tick);
                var share = _general[i] == 0 ? 0.0 : (double)_privateMarked[i] / _general[i];
                var privateHits = d.Binomial(p * 64, Math.Min(general, 60), share);
                var intrusions = privateHits + sensitive;
                if (intrusions > 0)
                {
                    _tally[TallyField.PrivacyIntrusions] += intrusions;
                    MaybeIntrusionHarm(i, p, intrusions, world.Providers[p], 1, sensitive > 0);
                }
                if (sensitive > 0) _tally.Provider(p, ProviderField.UnconsentedSensitiveRecords) += sensitive;
            }
            AddRecords(i, ip, general, sensitive, consented);
        }
    }

    /// <summary>A deployer takes in a new customer's data for fine-tuning.</summary>
    private void Ingest(int i, int slot, WorldSnapshot world)
    {
        var d = slot == 0 ? _deployer0[i] : _deployer1[i];
        var deployer = world.Deployers[d];
        var general = _p.DeployerGeneralRecords;
        var sensitive = deployer.SensitiveSector ? _p.DeployerSensitiveRecords : 0;
        var consented = false;
        if (sensitive > 0 && (_regime.ConsentSensitive == ConsentMode.OptIn || _regime.RiskAssessment))
        {
            var draw = new DrawSequence(_ctx.Seed, RandomStream.DeployerIngestion, First + i, world.Tick);
            consented = draw.Uniform(slot) < _ctx.AgreeProbability(world.Providers[deployer.Provider].Quality, Concern(i));
            if (consented && draw.Uniform(2 + slot) < _ctx.InformedProbability(Literacy(i)))
                _tally[TallyField.InformedConsentRecords] += sensitive;
            if (consented) _tally[TallyField.ConsentedRecords] += sensitive;
            else sensitive = 0;
        }
        if ((_deployerState[i] & (slot == 0 ? Held0 : Held1)) == 0)
        {
            _stockDeployerHeld += general + sensitive;
            _stockDeployerSensitive += sensitive;
            _stockDeployerRecords[d] += general + sensitive;
        }
        _deployerState[i] |= slot == 0 ? Held0 : Held1;
        if (sensitive > 0) _deployerState[i] |= slot == 0 ? Sensitive0 : Sensitive1;
        _tally[TallyField.RecordsCollected] += general + sensitive;
        _tally[TallyField.SensitiveRecordsCollected] += sensitive;
    }

    /// <summary>Distinct subjects per exact quasi-identifier key, per provider (sparse, sorted).</summary>
    private ClassCounts CountClasses()
    {
        var result = new ClassCounts { Keys = new int[_providers][], Counts = new int[_providers][] };
        for (var p = 0; p < _providers; p++)
        {
            var n = 0;
            for (var i = 0; i < Count; i++)
            {
                var ip = i * _providers + p;
                if (_heldGeneral[ip] + _heldSensitive[ip] > 0) _keyBuffer[n++] = _qi[i];
            }
            var span = _keyBuffer.AsSpan(0, n);
            span.Sort();
            var keys = new List<int>();
            var counts = new List<int>();
            for (var k = 0; k < n; k++)
            {
                if (keys.Count > 0 && keys[^1] == span[k]) counts[^1]++;
                else { keys.Add(span[k]); counts.Add(1); }
            }
            result.Keys[p] = [.. keys];
            result.Counts[p] = [.. counts];
        }
        return result;
    }

    // =====================================================================================
    // Phase 2..7: training, use, leakage, harm, rights, litigation
    // =====================================================================================

    /// <summary>Runs the rest of the tick and returns the cohort's tallies (flows of this tick and end-of-tick stocks).</summary>
    public Tally Advance(WorldSnapshot world)
    {
        var tick = world.Tick;
        var seed = _ctx.Seed;
        var providers = world.Providers;
        var anyProviderBreach = false;
        foreach (var v in providers) anyProviderBreach |= v.BreachShare > 0;
        var anyDeployerBreach = false;
        foreach (var v in world.Deployers) anyDeployerBreach |= v.BreachShare > 0;

        // per-provider hazards for this tick
        Span<double> regurgitationPerRecord = stackalloc double[_providers];
        Span<double> falseInfoHazard = stackalloc double[_providers];
        for (var p = 0; p < _providers; p++)
        {
            var v = providers[p];
            var q = world.QueriesByProvider[p];
            regurgitationPerRecord[p] = v.TrainingRecords > 0
                ? q * _p.ExtractionRate * (1.0 - _regime.OutputFilter) * _p.PiiShareOfMemorizedOutput / v.TrainingRecords
                : 0;
            falseInfoHazard[p] = q * _p.PersonQueryShare * _p.HallucinationRate
                * (1.0 - _regime.OutputFilter * _p.FilterFactualityEfficacy) / Math.Max(1, _ctx.Subjects);
        }

        var entry = 0;
        while (entry < _entries.Length && _entries[entry].Kind != ExchangeKind.FakeContent) entry++;

        for (var i = 0; i < Count; i++)
        {
            var id = First + i;
            byte sequence = 0;
            var use = new DrawSequence(seed, RandomStream.Use, id, tick);
            var exposedToday = false;
            var reidentifiedToday = false;

            if (world.TrainingTick) Train(i, id, tick);

            for (var p = 0; p < _providers; p++)
            {
                var ip = i * _providers + p;
                var restricted = (_state[ip] & Restricted) != 0;

                // --- regurgitation of memorised personal information
                int memorized = _memorized[ip];
                if (memorized > 0 && regurgitationPerRecord[p] > 0)
                {
                    var hazard = memorized * regurgitationPerRecord[p] * (restricted ? 1.0 - _p.RestrictedOutputReduction : 1.0);
                    if (use.Uniform(p) < (1.0 - Math.Exp(-hazard)))
                    {
                        _tally[TallyField.RegurgitationIncidents]++;
                        _tally.Provider(p, ProviderField.Incidents)++;
                        _state[ip] |= Aware;
                        if (use.Uniform(64 + p) < IdentificationRisk(i, p, world))
                        {
                            var sensitive = _heldSensitive[ip] > 0 && use.Uniform(128 + p) * (_heldGeneral[ip] + _heldSensitive[ip]) < _heldSensitive[ip];
                            CreateHarm(i, tick, ref sequence, HarmSource.Regurgitation, PartyKind.Provider, p, p, sensitive, false, providers[p].Security, 1);
                        }
                    }
                }

                // --- false information about the subject (hallucination)
                var falseHazard = falseInfoHazard[p] * (restricted ? 0.5 : 1.0);
                if (falseHazard > 0 && use.Uniform(192 + p) < falseHazard)
                {
                    _tally[TallyField.FalseInfoIncidents]++;
                    _tally.Provider(p, ProviderField.Incidents)++;
                    if (use.Uniform(256 + p) < _p.FalseInfoHarmfulShare)
                    {
                        CreateHarm(i, tick, ref sequence, HarmSource.FalseInformation, PartyKind.Provider, p, p, false, false, providers[p].Security, 1);
                        RequestRestrictionAfterDispute(i, p, ip, tick, use.Uniform(320 + p));
                    }
                }
            }

            // --- deliberate fakes by malicious users (exchange entries, sorted by subject)
            var fakeIndex = 0;
            while (entry < _entries.Length && _entries[entry].Subject == id)
            {
                var e = _entries[entry++];
                if (e.Kind != ExchangeKind.FakeContent) continue;
                _tally[TallyField.FakeIncidents]++;
                _tally[TallyField.FalseInfoIncidents]++;
                _tally.Provider(e.Provider, ProviderField.Incidents)++;
                var fd = new DrawSequence(seed, RandomStream.FakeContent, id, tick);
                var f = fakeIndex++;
                if (fd.Uniform(2 * f) < _p.FakeHarmfulShare)
                {
                    CreateHarm(i, tick, ref sequence, HarmSource.FalseInformation, PartyKind.User, e.User, e.Provider, false, true, 0, 1);
                    var ip = i * _providers + e.Provider;
                    RequestRestrictionAfterDispute(i, e.Provider, ip, tick, fd.Uniform(2 * f + 1));
                }
            }

            // --- automated decisions by deployers (PIPL art. 24) and explanations
            if (_deployer0[i] != NoDeployer && (_deployerState[i] & Held0) != 0) Decide(i, 0, _deployer0[i], world, ref sequence);
            if (_deployer1[i] != NoDeployer && (_deployerState[i] & Held1) != 0) Decide(i, 1, _deployer1[i], world, ref sequence);

            // --- leakage: breaches of providers and deployers
            if (anyProviderBreach || anyDeployerBreach)
            {
                var leak = new DrawSequence(seed, RandomStream.Leakage, id, tick);
                var holders = Holders(i);
                for (var p = 0; p < _providers && anyProviderBreach; p++)
                {
                    var share = providers[p].BreachShare;
                    var ip = i * _providers + p;
                    var held = _heldGeneral[ip] + _heldSensitive[ip];
                    if (share <= 0 || held == 0 || leak.Uniform(p) >= share) continue;
                    exposedToday = true;
                    _tally[TallyField.RecordsExposed] += held;
                    _tally[TallyField.SensitiveRecordsExposed] += _heldSensitive[ip];
                    _tally.Provider(p, ProviderField.RecordsExposed) += held;
                    _state[ip] |= Aware; // breach notification
                    if (leak.Uniform(64 + p) < BreachReidentification(i, p, world))
                    {
                        reidentifiedToday = true;
                        CreateHarm(i, tick, ref sequence, HarmSource.Breach, PartyKind.Provider, p, p, _heldSensitive[ip] > 0, false,
                            providers[p].Security, held, holders);
                    }
                }
                if (anyDeployerBreach)
                {
                    reidentifiedToday |= DeployerLeak(i, 0, _deployer0[i], world, leak, holders, ref sequence, ref exposedToday);
                    reidentifiedToday |= DeployerLeak(i, 1, _deployer1[i], world, leak, holders, ref sequence, ref exposedToday);
                }
            }
            if (exposedToday) _tally[TallyField.SubjectsExposed]++;
            if (reidentifiedToday) _tally[TallyField.SubjectsReidentified]++;

            // --- rights: subjects who learn that a provider holds their data ask for deletion or restriction
            Rights(i, id, tick);
        }

        ServeRequests(tick);
        RealiseHarms(tick);
        CountStocks(world);
        _entries = [];
        return _tally.Clone();
    }

    /// <summary>Training epoch: memorisation (log-linear in duplication and model size) and the mosaic effect.</summary>
    private void Train(int i, int id, int tick)
    {
        var d = new DrawSequence(_ctx.Seed, RandomStream.Training, id, tick);
        var wasInferable = HasInferable(i);
        for (var p = 0; p < _providers; p++)
        {
            var ip = i * _providers + p;
            var restricted = (_state[ip] & Restricted) != 0;
            // restricted records are kept out of training; risk assessment keeps sensitive records out
            var trainable = restricted ? 0 : _heldGeneral[ip] + (_regime.RiskAssessment ? 0 : _heldSensitive[ip]);
            trainable = Math.Min(trainable, 255);
            var memorized = d.Binomial(p * 512, trainable, _ctx.MemorizationByDuplication[trainable]);
            _stockMemorized[p] += memorized - _memorized[ip];
            _memorized[ip] = (byte)memorized;
            _tally.Provider(p, ProviderField.TrainingRecords) += trainable;
            if (_protected[i]) _tally.Provider(p, ProviderField.ProtectedTrainingRecords) += trainable;
            // mosaic effect: aggregated non-private items reveal a private trait
            var inferable = _heldGeneral[ip] > 0 && d.Uniform(p * 512 + 300) < (1.0 - Math.Exp(-_p.MosaicGamma * _heldGeneral[ip]));
            _state[ip] = inferable ? (ushort)(_state[ip] | Inferable) : (ushort)(_state[ip] & ~Inferable);
        }
        var isInferable = HasInferable(i);
        if (isInferable != wasInferable) _stockInferable += isInferable ? 1 : -1;
    }

    /// <summary>Chance that a record of the subject at provider p points to the subject (1/k prosecutor risk, by de-identification).</summary>
    private double IdentificationRisk(int i, int p, WorldSnapshot world)
    {
        var deid = (Deidentification)world.Providers[p].Deidentification;
        if (deid == Deidentification.None) return 1.0;
        return 1.0 / ClassSize(i, world.Classes.Length > p ? world.Classes[p] : ClassTable.Empty);
    }

    private double BreachReidentification(int i, int p, WorldSnapshot world)
    {
        var deid = (Deidentification)world.Providers[p].Deidentification;
        return deid switch
        {
            Deidentification.None => 1.0,
            Deidentification.Pseudonymise => _ctx.Linkage * IdentificationRisk(i, p, world),
            _ => IdentificationRisk(i, p, world),
        };
    }

    /// <summary>Size k of the subject's equivalence class at the provider's generalisation level (1 when not yet aggregated).</summary>
    private int ClassSize(int i, ClassTable table)
    {
        if (table.Sizes.Length == 0) return 1;
        var k = table.Sizes[_ctx.Qi.Generalise(_qi[i], table.Level)];
        if (k < table.K && table.K > 1) return (int)Math.Max(1, table.HeldSubjects); // suppressed: all quasi-identifiers removed
        return Math.Max(1, k);
    }

    private int Holders(int i)
    {
        var n = 0;
        for (var p = 0; p < _providers; p++)
        {
            var ip = i * _providers + p;
            if (_heldGeneral[ip] + _heldSensitive[ip] > 0) n++;
        }
        if ((_deployerState[i] & Held0) != 0) n++;
        if ((_deployerState[i] & Held1) != 0) n++;
        return n;
    }

    private bool DeployerLeak(int i, int slot, ushort d, WorldSnapshot world, DrawSequence leak, int holders, ref byte sequence, ref bool exposed)
    {
        if (d == NoDeployer) return false;
        var heldBit = slot == 0 ? Held0 : Held1;
        if ((_deployerState[i] & heldBit) == 0) return false;
        var deployer = world.Deployers[d];
        if (deployer.BreachShare <= 0 || leak.Uniform(200 + slot) >= deployer.BreachShare) return false;
        var sensitive = (_deployerState[i] & (slot == 0 ? Sensitive0 : Sensitive1)) != 0 ? _p.DeployerSensitiveRecords : 0;
        var records = _p.DeployerGeneralRecords + sensitive;
        exposed = true;
        _tally[TallyField.RecordsExposed] += records;
        _tally[TallyField.SensitiveRecordsExposed] += sensitive;
        _tally.Deployer(d, DeployerField.RecordsExposed) += records;
        // customer records are identified
        CreateHarm(i, world.Tick, ref sequence, HarmSource.Breach, PartyKind.Deployer, d, deployer.Provider, sensitive > 0, false,
            deployer.Security, records, holders);
        return true;
    }

    private void Decide(int i, int slot, ushort d, WorldSnapshot world, ref byte sequence)
    {
        var deployer = world.Deployers[d];
        var draw = new DrawSequence(_ctx.Seed, RandomStream.Decisions, (long)(First + i) * 2 + slot, world.Tick);
        if (draw.Uniform(0) >= _p.DecisionRatePerDay) return;
        _tally.Deployer(d, DeployerField.Decisions)++;
        var isProtected = _protected[i];
        var fair = _p.BaseApprovalRate;
        var approvalProbability = isProtected ? fair * (1.0 - deployer.Bias) : fair;
        var u = draw.Uniform(1);
        var approved = u < approvalProbability;
        var discriminatory = isProtected && !approved && u < fair;
        if (!approved)
        {
            // an adverse automated decision: the subject may ask for an explanation
            var ask = _p.ExplanationRequestBase + _p.ExplanationRequestPerConcern * Concern(i) * (0.5 + Literacy(i));
            if (draw.Uniform(2) < ask)
            {
                _tally[TallyField.ExplanationRequests]++;
                if (_regime.ExplanationRight != ExplanationRight.None)
                {
                    _tally[TallyField.ExplanationsServed]++;
                    var detection = _regime.ExplanationRight == ExplanationRight.DecisionAndProcess ? _p.BiasDetectionProcess : _p.BiasDetectionDecision;
                    if (discriminatory && draw.Uniform(3) < detection)
                    {
                        // the explanation exposes the bias: the decision is corrected and the deployer fixes its model
                        _tally.Deployer(d, DeployerField.BiasDetected)++;
                        _tally[TallyField.DiscriminatoryDecisions]++;
                        _tally.Deployer(d, DeployerField.DiscriminatoryDecisions)++;
                        approved = true;
                        discriminatory = false;
                        Count(isProtected, approved);
                        return;
                    }
                }
            }
        }
        if (discriminatory)
        {
            _tally[TallyField.DiscriminatoryDecisions]++;
            _tally.Deployer(d, DeployerField.DiscriminatoryDecisions)++;
            CreateHarm(i, world.Tick, ref sequence, HarmSource.Discrimination, PartyKind.Deployer, d, deployer.Provider, false, false, deployer.Security, 1);
        }
        Count(isProtected, approved);

        void Count(bool prot, bool ok)
        {
            _tally[prot ? TallyField.DecisionsProtected : TallyField.DecisionsOther]++;
            if (ok) _tally[prot ? TallyField.ApprovalsProtected : TallyField.ApprovalsOther]++;
        }
    }

    // =====================================================================================
    // harm
    // =====================================================================================

    /// <summary>A privacy intrusion may cause mental harm (the subject learns that private matters were taken).</summary>
    private void MaybeIntrusionHarm(int i, int p, int items, ProviderView provider, int via, bool sensitive)
    {
        var slot = via * 32 + p; // via 0: scraping, 1: a third party's prompt
        var draw = new DrawSequence(_ctx.Seed, RandomStream.Harm, First + i, _currentTick);
        if (draw.Uniform(1000 + slot) >= 1.0 - Math.Pow(1.0 - _p.IntrusionHarmProbability, items)) return;
        var mental = Money.ToFen(LogNormal.InvCDF(_ctx.IntrusionMu, _p.MentalSigma, Clamp(draw.Uniform(1100 + slot))));
        Schedule(new HarmEvent
        {
            Local = i,
            CauseTick = _currentTick,
            DueTick = _currentTick + Delay(draw, 1200 + slot),
            Sequence = (byte)(128 + slot),
            Source = HarmSource.Intrusion,
            Party = PartyKind.Provider,
            PartyIndex = (short)p,
            JointProvider = (short)p,
            PartySecurity = (byte)Math.Round(Math.Clamp(provider.Security, 0, 1) * 255),
            Records = items,
            Holders = 1,
            Sensitive = sensitive,
            MentalFen = mental,
        });
    }

    private int _currentTick;

    private int Delay(DrawSequence draw, int counter) => 1 + (int)draw.Exponential(counter, _p.HarmDelayMeanDays);

    private static double Clamp(double u) => Math.Clamp(u, 1e-12, 1 - 1e-12);

    /// <summary>Draws the property and mental harm that a cause will bring, and schedules it.</summary>
    private void CreateHarm(int i, int tick, ref byte sequence, HarmSource source, PartyKind party, int partyIndex, int jointProvider,
        bool sensitive, bool intentional, double partySecurity, int records, int holders = 1)
    {
        var seq = sequence++;
        var draw = new DrawSequence(_ctx.Seed, RandomStream.Harm, First + i, tick);
        var c = seq * 8;
        long property = 0, mental = 0;
        var anyPrivate = _privateMarked[i] > 0 || HasInferable(i);
        switch (source)
        {
            case HarmSource.Breach:
            case HarmSource.Regurgitation:
                {
                    var pFraud = sensitive ? _p.FraudProbabilitySensitive : _p.FraudProbabilityGeneral;
                    if (draw.Uniform(c) < pFraud)
                    {
                        var yuan = LogNormal.InvCDF(_ctx.FraudMu, _p.FraudSigma, Clamp(draw.Uniform(c + 1)));
                        property = Money.ToFen(yuan * (sensitive ? _p.SensitiveLossMultiplier : 1.0));
                    }
                    if ((sensitive || anyPrivate) && draw.Uniform(c + 2) < _p.MentalHarmProbability)
                        mental = Money.ToFen(LogNormal.InvCDF(_ctx.MentalMu, _p.MentalSigma, Clamp(draw.Uniform(c + 3))));
                    break;
                }
            case HarmSource.FalseInformation:
                mental = Money.ToFen(LogNormal.InvCDF(_ctx.MentalMu, _p.MentalSigma, Clamp(draw.Uniform(c + 3))));
                if (draw.Uniform(c) < _p.FalseInfoPropertyProbability)
                    property = Money.ToFen(LogNormal.InvCDF(_ctx.FraudMu, _p.FraudSigma, Clamp(draw.Uniform(c + 1))));
                break;
            case HarmSource.Discrimination:
                property = Money.ToFen(LogNormal.InvCDF(_ctx.DiscriminationMu, _p.FraudSigma, Clamp(draw.Uniform(c + 1))));
                break;
        }
        if (property == 0 && mental == 0) return;
        Schedule(new HarmEvent
        {
            Local = i,
            CauseTick = tick,
            DueTick = tick + Delay(draw, c + 4),
            Sequence = seq,
            Source = source,
            Party = party,
            PartyIndex = (short)partyIndex,
            JointProvider = (short)jointProvider,
            Sensitive = sensitive,
            Intentional = intentional,
            Holders = (byte)Math.Min(255, holders),
            PartySecurity = (byte)Math.Round(Math.Clamp(partySecurity, 0, 1) * 255),
            Records = records,
            PropertyFen = property,
            MentalFen = mental,
        });
    }

    private bool HasInferable(int i)
    {
        for (var p = 0; p < _providers; p++)
        {
            if ((_state[i * _providers + p] & Inferable) != 0) return true;
        }
        return false;
    }

    private void Schedule(HarmEvent e)
    {
        if (e.DueTick >= _harmsDue.Length) return; // suffered after the simulated horizon
        (_harmsDue[e.DueTick] ??= []).Add(e);
    }

    /// <summary>Harms suffered today; each harmed subject decides whether to sue, and the court decides.</summary>
    private void RealiseHarms(int tick)
    {
        var due = _harmsDue[tick];
        if (due is null) return;
        _harmsDue[tick] = null!;
        foreach (var e in due)
        {
            var i = e.Local;
            var total = e.PropertyFen + e.MentalFen;
            _tally[TallyField.HarmPropertyFen] += e.PropertyFen;
            _tally[TallyField.HarmMentalFen] += e.MentalFen;
            _tally[SourceField(e.Source)] += total;
            _tally[TallyField.HarmedSubjects]++;
            _harmFen[i] += total;
            Litigate(e, total);
        }
    }

    private static TallyField SourceField(HarmSource s) => s switch
    {
        HarmSource.Intrusion => TallyField.HarmIntrusionFen,
        HarmSource.Breach => TallyField.HarmBreachFen,
        HarmSource.Regurgitation => TallyField.HarmRegurgitationFen,
        HarmSource.FalseInformation => TallyField.HarmFalseInfoFen,
        _ => TallyField.HarmDiscriminationFen,
    };

    private void Litigate(in HarmEvent e, long harm)
    {
        var i = e.Local;
        var concern = Concern(i);
        var literacy = Literacy(i);
        var assessment = _liability.Assess(e, literacy);
        long compensation = 0;
        if (_liability.Sues(assessment, concern, literacy))
        {
            _tally[TallyField.ClaimsFiled]++;
            _claims[i]++;
            var draw = new DrawSequence(_ctx.Seed, RandomStream.Litigation, First + i, e.CauseTick);
            if (draw.Uniform(e.Sequence) < assessment.WinProbability)
            {
                _tally[TallyField.ClaimsWon]++;
                var award = assessment.AwardFen;
                var (provider, deployer, user) = _liability.Split(e, award);
                var collected = provider + deployer + user;
                // what cannot be collected (a judgment-proof user) is lost first from the punitive part
                compensation = Math.Min(assessment.CompensatoryFen, collected);
                var punitive = collected - compensation;
                _tally[TallyField.CompensationFen] += compensation;
                _tally[TallyField.PunitiveFen] += punitive;
                _tally[TallyField.PaidByProvidersFen] += provider;
                _tally[TallyField.PaidByDeployersFen] += deployer;
                _tally[TallyField.PaidByUsersFen] += user;
                var liableProvider = e.Party == PartyKind.Provider ? e.PartyIndex : e.JointProvider;
                if (provider > 0)
                {
                    _tally.Provider(liableProvider, ProviderField.LiabilityFen) += provider;
                    if (e.Source == HarmSource.Breach) _tally.Provider(liableProvider, ProviderField.BreachLiabilityFen) += provider;
                }
                if (deployer > 0) _tally.Deployer(e.PartyIndex, DeployerField.LiabilityFen) += deployer;
                _compensationFen[i] += collected;
            }
        }
        _tally[TallyField.UncompensatedFen] += harm - compensation;
    }

    // =====================================================================================
    // rights
    // =====================================================================================

    private void Rights(int i, int id, int tick)
    {
        // keyed only when a draw is needed: most subjects hold nothing to act on on most days (same key, same draws)
        var d = new LazyDrawSequence(_ctx.Seed, RandomStream.Rights, id, tick);
        for (var p = 0; p < _providers; p++)
        {
            var ip = i * _providers + p;
            ref var st = ref _state[ip];
            var held = _heldGeneral[ip] + _heldSensitive[ip];
            if (held == 0) continue; // nothing held: neither learning nor acting is possible
            var concern = Concern(i);
            var becameAware = false;
            if ((st & Aware) == 0)
            {
                var learn = _p.AwarenessPerDay * (0.5 + _regime.NoticeClarity) * (0.5 + Literacy(i));
                if (d.Uniform(p) >= learn) continue;
                st |= Aware;
                becameAware = true;
            }
            else if ((st & DeletionPending) == 0 && held > 0 && (st & (Objected | Restricted | RestrictionPending)) == 0 && d.Uniform(320 + p) < 0.1)
            {
                // already aware (for example after an incident) and not yet acted: act now
                becameAware = true;
            }
            if (!becameAware) continue;
            // having learnt, the subject may object to further processing (honoured where the regime does)
            if (d.Uniform(256 + p) < Math.Min(1.0, _p.ObjectionPropensity * (0.5 + concern))) st |= Objected;
            if (held > 0 && d.Uniform(64 + p) < concern * _p.DeletionPropensity)
            {
                _tally[TallyField.DeletionRequests]++;
                if (_regime.DeletionRight && (st & DeletionPending) == 0)
                {
                    st |= DeletionPending;
                    QueueRequest(new PendingRequest(i, (byte)p, true), tick + Math.Max(0, _regime.DeletionDelayDays));
                }
            }
            if (held > 0 && d.Uniform(128 + p) < concern * _p.RestrictionPropensity) RequestRestriction(i, p, ip, tick, d.Uniform(192 + p));
        }
    }

    private void RequestRestrictionAfterDispute(int i, int p, int ip, int tick, double u)
    {
        if (u < _p.RestrictionAfterFalseInfo) RequestRestriction(i, p, ip, tick, u / Math.Max(1e-12, _p.RestrictionAfterFalseInfo));
    }

    private void RequestRestriction(int i, int p, int ip, int tick, double grantDraw)
    {
        ref var st = ref _state[ip];
        if ((st & (Restricted | RestrictionPending)) != 0) return;
        _tally[TallyField.RestrictionRequests]++;
        var granted = _regime.RestrictionRight switch
        {
            RestrictionRight.Independent => true,
            RestrictionRight.Partial => grantDraw < _p.PartialRestrictionGrant,
            _ => false,
        };
        if (!granted) return;
        st |= RestrictionPending;
        QueueRequest(new PendingRequest(i, (byte)p, false), tick + Math.Max(0, _regime.DeletionDelayDays));
    }

    private void QueueRequest(PendingRequest r, int due)
    {
        if (due >= _requestsDue.Length) return;
        (_requestsDue[due] ??= []).Add(r);
    }

    private void ServeRequests(int tick)
    {
        var due = _requestsDue[tick];
        if (due is null) return;
        _requestsDue[tick] = null!;
        foreach (var r in due)
        {
            var ip = r.Local * _providers + r.Provider;
            ref var st = ref _state[ip];
            if (r.Deletion)
            {
                st = (ushort)(st & ~DeletionPending);
                var draw = new DrawSequence(_ctx.Seed, RandomStream.Rights, (long)(First + r.Local) * 64 + r.Provider, -tick - 1);
                if (draw.Uniform(0) >= _regime.DeletionShareServed) continue;
                SetHeld(r.Local, ip, 0, 0);
                var wasInferable = HasInferable(r.Local);
                st = (ushort)(st & ~(Scraped | Inferable));
                if (wasInferable && !HasInferable(r.Local)) _stockInferable--;
                _tally[TallyField.DeletionsServed]++;
                _tally.Provider(r.Provider, ProviderField.RightsRequestsServed)++;
                // deleted records stay memorised until the next retraining, unless the regime demands unlearning
                if (_regime.UnlearningOnDeletion && _memorized[ip] > 0)
                {
                    _stockMemorized[r.Provider] -= _memorized[ip];
                    _memorized[ip] = 0;
                    _tally.Provider(r.Provider, ProviderField.Unlearnings)++;
                }
            }
            else
            {
                if ((st & Restricted) == 0) _stockRestricted[r.Provider] += _heldGeneral[ip] + _heldSensitive[ip];
                st = (ushort)((st & ~RestrictionPending) | Restricted);
                _tally[TallyField.RestrictionsServed]++;
                _tally.Provider(r.Provider, ProviderField.RightsRequestsServed)++;
            }
        }
    }

    // =====================================================================================
    // stocks
    // =====================================================================================

    /// <summary>Sets a (subject, provider) pair's held records and keeps the stocks up to date.</summary>
    private void SetHeld(int i, int ip, int general, int sensitive)
    {
        int oldGeneral = _heldGeneral[ip], oldSensitive = _heldSensitive[ip];
        _heldGeneral[ip] = (byte)general;
        _heldSensitive[ip] = (byte)sensitive;
        var p = ip - i * _providers;
        int before = oldGeneral + oldSensitive, after = general + sensitive, delta = after - before;
        if (delta == 0 && sensitive == oldSensitive) return;
        _stockHeld[p] += delta;
        _stockSensitive[p] += sensitive - oldSensitive;
        if (before == 0 && after > 0) _stockSubjects[p]++;
        else if (before > 0 && after == 0) _stockSubjects[p]--;
        if ((_state[ip] & Restricted) != 0) _stockRestricted[p] += delta;
        if (_stocksValid) _stockRisk[p] += (long)Micros(p, i) * delta;
    }

    /// <summary>Re-identification risk of one record of subject i at provider p, in millionths, with the cached class table.</summary>
    private int Micros(int p, int i)
    {
        var table = _stockTables[p];
        return table.Identified ? 1_000_000 : 1_000_000 / table.ClassSize(_ctx.Qi, _qi[i]);
    }

    /// <summary>Reports the end-of-tick stocks. They are kept up to date as they change; only the risk depends on
    /// the class tables, and everything is recounted in one pass when a table or a de-identification practice changes.</summary>
    private void CountStocks(WorldSnapshot world)
    {
        var providers = _providers;
        var changed = !_stocksValid || world.ClassesTick != _stockClassesTick;
        for (var p = 0; p < providers && !changed; p++) changed = world.Providers[p].Deidentification != _stockDeidentification[p];
        if (changed)
        {
            _stockClassesTick = world.ClassesTick;
            for (var p = 0; p < providers; p++)
            {
                var deid = world.Providers[p].Deidentification;
                _stockDeidentification[p] = deid;
                _stockTables[p] = new StockTable((Deidentification)deid == Deidentification.None, world.Classes.Length > p ? world.Classes[p] : ClassTable.Empty);
            }
            Recount();
        }

        long held = 0, sensitiveHeld = 0, memorized = 0, riskMicros = 0;
        for (var p = 0; p < providers; p++)
        {
            _tally.Provider(p, ProviderField.RecordsHeld) += _stockHeld[p];
            _tally.Provider(p, ProviderField.SensitiveRecordsHeld) += _stockSensitive[p];
            _tally.Provider(p, ProviderField.HeldSubjects) += _stockSubjects[p];
            _tally.Provider(p, ProviderField.RecordsMemorized) += _stockMemorized[p];
            _tally.Provider(p, ProviderField.RestrictedRecords) += _stockRestricted[p];
            held += _stockHeld[p];
            sensitiveHeld += _stockSensitive[p];
            memorized += _stockMemorized[p];
            riskMicros += _stockRisk[p];
        }
        for (var d = 0; d < _stockDeployerRecords.Length; d++) _tally.Deployer(d, DeployerField.RecordsHeld) += _stockDeployerRecords[d];
        _tally[TallyField.ProviderRecordsHeld] += held;
        _tally[TallyField.RecordsHeld] += held + _stockDeployerHeld;
        _tally[TallyField.SensitiveRecordsHeld] += sensitiveHeld + _stockDeployerSensitive;
        _tally[TallyField.RecordsMemorized] += memorized;
        _tally[TallyField.RiskMicros] += riskMicros;
        _tally[TallyField.SubjectsInferable] += _stockInferable;
    }

    /// <summary>Counts every stock from the arrays, in one pass over the subjects (all providers at once), with the cached tables.</summary>
    private void Recount()
    {
        var providers = _providers;
        foreach (var a in (long[][])[_stockHeld, _stockSensitive, _stockMemorized, _stockSubjects, _stockRestricted, _stockRisk, _stockDeployerRecords])
            Array.Clear(a);
        long inferableSubjects = 0, deployerHeld = 0, deployerSensitive = 0;
        var generalRecords = _p.DeployerGeneralRecords;
        var sensitiveRecords = _p.DeployerSensitiveRecords;
        for (var i = 0; i < Count; i++)
        {
            var inferable = false;
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                var st = _state[ip];
                inferable |= (st & Inferable) != 0;
                _stockMemorized[p] += _memorized[ip];
                var sensitive = _heldSensitive[ip];
                var h = _heldGeneral[ip] + sensitive;
                if (h == 0) continue;
                _stockHeld[p] += h;
                _stockSensitive[p] += sensitive;
                _stockSubjects[p]++;
                if ((st & Restricted) != 0) _stockRestricted[p] += h;
                _stockRisk[p] += (long)Micros(p, i) * h;
            }
            if (inferable) inferableSubjects++;
            var ds = _deployerState[i];
            if ((ds & Held0) != 0)
            {
                var s = (ds & Sensitive0) != 0 ? sensitiveRecords : 0;
                deployerHeld += generalRecords + s;
                deployerSensitive += s;
                _stockDeployerRecords[_deployer0[i]] += generalRecords + s;
            }
            if ((ds & Held1) != 0)
            {
                var s = (ds & Sensitive1) != 0 ? sensitiveRecords : 0;
                deployerHeld += generalRecords + s;
                deployerSensitive += s;
                _stockDeployerRecords[_deployer1[i]] += generalRecords + s;
            }
        }
        _stockInferable = inferableSubjects;
        _stockDeployerHeld = deployerHeld;
        _stockDeployerSensitive = deployerSensitive;
        _stocksValid = true;
    }

    /// <summary>Test hook: the stocks as kept up to date, and as recounted from the arrays, must agree.</summary>
    internal (long[] Kept, long[] Recounted) StocksKeptAndRecounted()
    {
        long[] Snapshot() => [.. _stockHeld, .. _stockSensitive, .. _stockMemorized, .. _stockSubjects, .. _stockRestricted, .. _stockRisk,
            .. _stockDeployerRecords, _stockInferable, _stockDeployerHeld, _stockDeployerSensitive];
        var kept = Snapshot();
        Recount();
        return (kept, Snapshot());
    }

    /// <summary>A provider's class table unpacked for the stock count (the same rule as <see cref="ClassSize"/>).</summary>
    private readonly struct StockTable(bool identified, ClassTable table)
    {
        public bool Identified { get; } = identified;
        private readonly int[] _sizes = table.Sizes;
        private readonly int _level = table.Level;
        private readonly int _k = table.K;
        private readonly int _suppressed = (int)Math.Max(1, table.HeldSubjects);

        public int ClassSize(QuasiIdentifiers qi, int key)
        {
            if (_sizes.Length == 0) return 1;
            var k = _sizes[qi.Generalise(key, _level)];
            if (k < _k && _k > 1) return _suppressed;
            return Math.Max(1, k);
        }
    }

    // ---------- read access for tests and invariants
    internal long HarmFen(int i) => _harmFen[i];
    internal long CompensationFen(int i) => _compensationFen[i];
    internal int Claims(int i) => _claims[i];
    internal int HeldRecords(int i, int p) => _heldGeneral[i * _providers + p] + _heldSensitive[i * _providers + p];
}
