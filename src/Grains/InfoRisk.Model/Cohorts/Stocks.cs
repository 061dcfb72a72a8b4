using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Cohorts;

/// <summary>
/// End-of-tick stocks of one cohort (records held, sensitive, memorised, held subjects, restricted, re-identification
/// risk, inferable subjects, deployers' records), kept up to date at every change so that a tick costs no pass over all
/// (subject, provider) pairs (docs/performance.md). Everything is recounted in one pass when a provider's generalisation
/// or de-identification practice changes, because the risk of every held record depends on them.
/// </summary>
public sealed class Stocks
{
    private readonly ModelContext _ctx;
    private readonly SubjectStore _s;
    private readonly int _providers;
    private readonly long[] _held, _sensitive, _memorized, _subjects, _restricted, _risk, _scraped, _sensitiveSubjects;
    private readonly long[] _deployerRecords, _deployerCustomers, _deployerSensitiveCustomers;
    private readonly Deidentification[] _practice;
    private readonly Generalisation[] _generalisation;
    private long _inferable, _deployerHeld, _deployerSensitive;
    private bool _valid;

    public Stocks(ModelContext ctx, SubjectStore store)
    {
        _ctx = ctx;
        _s = store;
        _providers = ctx.Providers;
        _held = new long[_providers];
        _sensitive = new long[_providers];
        _memorized = new long[_providers];
        _subjects = new long[_providers];
        _restricted = new long[_providers];
        _risk = new long[_providers];
        _scraped = new long[_providers];
        _sensitiveSubjects = new long[_providers];
        _practice = new Deidentification[_providers];
        _generalisation = new Generalisation[_providers];
        _deployerRecords = new long[ctx.Deployers];
        _deployerCustomers = new long[ctx.Deployers];
        _deployerSensitiveCustomers = new long[ctx.Deployers];
    }

    /// <summary>A pair's held records went from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void HeldChanged(int i, int ip, int before, int after, int sensitiveBefore, int sensitiveAfter)
    {
        var delta = after - before;
        if (delta == 0 && sensitiveAfter == sensitiveBefore) return;
        var p = ip - i * _providers;
        _held[p] += delta;
        _sensitive[p] += sensitiveAfter - sensitiveBefore;
        if (sensitiveBefore == 0 && sensitiveAfter > 0) _sensitiveSubjects[p]++;
        else if (sensitiveBefore > 0 && sensitiveAfter == 0) _sensitiveSubjects[p]--;
        if (before == 0 && after > 0) _subjects[p]++;
        else if (before > 0 && after == 0) _subjects[p]--;
        if ((_s.State[ip] & PairState.Restricted) != 0) _restricted[p] += delta;
        if (_valid) _risk[p] += Micros(p, i) * delta;
    }

    public void MemorizedChanged(int p, int delta) => _memorized[p] += delta;

    /// <summary>A pair's "scraped" bit was set or cleared.</summary>
    public void ScrapedChanged(int p, bool scraped) => _scraped[p] += scraped ? 1 : -1;

    /// <summary>A restriction took effect on a pair holding <paramref name="held"/> records.</summary>
    public void RestrictionTookEffect(int p, int held) => _restricted[p] += held;

    public void InferableChanged(bool nowInferable) => _inferable += nowInferable ? 1 : -1;

    /// <summary>A deployer took in a customer's records for the first time.</summary>
    public void CustomerIngested(int deployer, int general, int sensitive)
    {
        _deployerHeld += general + sensitive;
        _deployerSensitive += sensitive;
        _deployerRecords[deployer] += general + sensitive;
        _deployerCustomers[deployer]++;
        if (sensitive > 0) _deployerSensitiveCustomers[deployer]++;
    }

    /// <summary>Re-identification risk of one record of subject i at provider p, in millionths, under the practice and generalisation last seen.</summary>
    private long Micros(int p, int i) => _practice[p] == Deidentification.None ? 1_000_000 : _ctx.Reidentification.Micros(_s.Qi[i], _practice[p], _generalisation[p]);

    /// <summary>Adds the end-of-tick stocks to the tally, recounting first when a provider's practice or generalisation changed.</summary>
    public void Report(WorldSnapshot world, Tally tally)
    {
        var changed = !_valid;
        for (var p = 0; p < _providers && !changed; p++)
            changed = (Deidentification)world.Providers[p].Deidentification != _practice[p] || world.GeneralisationOf(p) != _generalisation[p];
        if (changed)
        {
            for (var p = 0; p < _providers; p++)
            {
                _practice[p] = (Deidentification)world.Providers[p].Deidentification;
                _generalisation[p] = world.GeneralisationOf(p);
            }
            Recount();
        }

        long held = 0, sensitiveHeld = 0, memorized = 0, riskMicros = 0;
        for (var p = 0; p < _providers; p++)
        {
            tally.Provider(p, ProviderField.RecordsHeld) += _held[p];
            tally.Provider(p, ProviderField.SensitiveRecordsHeld) += _sensitive[p];
            tally.Provider(p, ProviderField.HeldSubjects) += _subjects[p];
            tally.Provider(p, ProviderField.RecordsMemorized) += _memorized[p];
            tally.Provider(p, ProviderField.RestrictedRecords) += _restricted[p];
            tally.Provider(p, ProviderField.ScrapedSubjects) += _scraped[p];
            tally.Provider(p, ProviderField.SensitiveSubjects) += _sensitiveSubjects[p];
            tally.Provider(p, ProviderField.RiskMicros) += _risk[p];
            held += _held[p];
            sensitiveHeld += _sensitive[p];
            memorized += _memorized[p];
            riskMicros += _risk[p];
        }
        for (var d = 0; d < _deployerRecords.Length; d++)
        {
            tally.Deployer(d, DeployerField.RecordsHeld) += _deployerRecords[d];
            tally.Deployer(d, DeployerField.HeldCustomers) += _deployerCustomers[d];
            tally.Deployer(d, DeployerField.SensitiveCustomers) += _deployerSensitiveCustomers[d];
        }
        tally[TallyField.ProviderRecordsHeld] += held;
        tally[TallyField.RecordsHeld] += held + _deployerHeld;
        tally[TallyField.SensitiveRecordsHeld] += sensitiveHeld + _deployerSensitive;
        tally[TallyField.RecordsMemorized] += memorized;
        tally[TallyField.RiskMicros] += riskMicros;
        tally[TallyField.SubjectsInferable] += _inferable;
    }

    /// <summary>Counts every stock from the arrays, in one pass over the subjects (all providers at once), with the cached tables.</summary>
    private void Recount()
    {
        foreach (var a in (long[][])[_held, _sensitive, _memorized, _subjects, _restricted, _risk, _scraped, _sensitiveSubjects, _deployerRecords, _deployerCustomers, _deployerSensitiveCustomers]) Array.Clear(a);
        long inferableSubjects = 0, deployerHeld = 0, deployerSensitive = 0;
        var generalRecords = _ctx.P.DeployerGeneralRecords;
        var sensitiveRecords = _ctx.P.DeployerSensitiveRecords;
        for (var i = 0; i < _s.Count; i++)
        {
            var inferable = false;
            var ip = i * _providers;
            for (var p = 0; p < _providers; p++, ip++)
            {
                var st = _s.State[ip];
                inferable |= (st & PairState.Inferable) != 0;
                _memorized[p] += _s.Memorized[ip];
                if ((st & PairState.Scraped) != 0) _scraped[p]++;
                var sensitive = _s.HeldSensitive[ip];
                var h = _s.HeldGeneral[ip] + sensitive;
                if (h == 0) continue;
                _held[p] += h;
                _sensitive[p] += sensitive;
                _subjects[p]++;
                if (sensitive > 0) _sensitiveSubjects[p]++;
                if ((st & PairState.Restricted) != 0) _restricted[p] += h;
                _risk[p] += Micros(p, i) * h;
            }
            if (inferable) inferableSubjects++;
            var customer = _s.Customer[i];
            if ((customer & CustomerState.Held0) != 0)
            {
                var s = (customer & CustomerState.Sensitive0) != 0 ? sensitiveRecords : 0;
                deployerHeld += generalRecords + s;
                deployerSensitive += s;
                _deployerRecords[_s.Deployer0[i]] += generalRecords + s;
                _deployerCustomers[_s.Deployer0[i]]++;
                if ((customer & CustomerState.Sensitive0) != 0) _deployerSensitiveCustomers[_s.Deployer0[i]]++;
            }
            if ((customer & CustomerState.Held1) != 0)
            {
                var s = (customer & CustomerState.Sensitive1) != 0 ? sensitiveRecords : 0;
                deployerHeld += generalRecords + s;
                deployerSensitive += s;
                _deployerRecords[_s.Deployer1[i]] += generalRecords + s;
                _deployerCustomers[_s.Deployer1[i]]++;
                if ((customer & CustomerState.Sensitive1) != 0) _deployerSensitiveCustomers[_s.Deployer1[i]]++;
            }
        }
        _inferable = inferableSubjects;
        _deployerHeld = deployerHeld;
        _deployerSensitive = deployerSensitive;
        _valid = true;
    }

    /// <summary>Test hook: the stocks as kept up to date, and as recounted from the arrays, must agree.</summary>
    internal (long[] Kept, long[] Recounted) KeptAndRecounted()
    {
        long[] Snapshot() => [.. _held, .. _sensitive, .. _memorized, .. _subjects, .. _restricted, .. _risk, .. _scraped, .. _sensitiveSubjects,
            .. _deployerRecords, .. _deployerCustomers, .. _deployerSensitiveCustomers, _inferable, _deployerHeld, _deployerSensitive];
        var kept = Snapshot();
        Recount();
        return (kept, Snapshot());
    }
}
