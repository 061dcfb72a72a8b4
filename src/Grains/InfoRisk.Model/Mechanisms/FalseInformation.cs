using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("malicious_user_share")]
    [Parameter(18, 0, 1, Unit = "share", Meaning = "Share of users who make fakes about real people", Source = "assumption: 1 user in 200 misuses the service")]
    public double MaliciousUserShare { get; init; } = 0.005;

    [JsonPropertyName("fakes_per_malicious_user_day")]
    [Parameter(19, 0, 1e12, Unit = "fakes/day", Meaning = "Fakes an active malicious user makes a day (Poisson mean)", Source = "assumption: occasional fabrications (about 18 a year)")]
    public double FakesPerMaliciousUserDay { get; init; } = 0.05;

    [JsonPropertyName("person_query_share")]
    [Parameter(54, 0, 1, Unit = "share", Meaning = "Share of queries that ask about a real, named person", Source = "assumption: share of queries that ask about a real, named person")]
    public double PersonQueryShare { get; init; } = 0.02;

    [JsonPropertyName("hallucination_rate")]
    [Parameter(55, 0, 1, Unit = "share", Meaning = "Share of answers about a person that are false", Source = "Vectara leaderboard: 3.3-5.6% for 2025 models (midpoint). 2023 models: 3.0-27.2%, a range worth sweeping")]
    public double HallucinationRate { get; init; } = 0.045;

    [JsonPropertyName("filter_factuality_efficacy")]
    [Parameter(56, 0, 1, Unit = "share", Meaning = "Share of hallucinations a full-strength output filter removes", Source = "assumption: a full-strength filter halves hallucinations about persons")]
    public double FilterFactualityEfficacy { get; init; } = 0.5;

    [JsonPropertyName("false_info_harmful_share")]
    [Parameter(57, 0, 1, Unit = "probability", Meaning = "Chance that a hallucination about a person harms them", Source = "assumption: most false statements are harmless or unseen")]
    public double FalseInfoHarmfulShare { get; init; } = 0.03;

    [JsonPropertyName("fake_harmful_share")]
    [Parameter(58, 0, 1, Unit = "probability", Meaning = "Chance that a deliberate fake harms its target", Source = "assumption: deliberate fakes are aimed at harming")]
    public double FakeHarmfulShare { get; init; } = 0.5;

    [JsonPropertyName("filter_fake_efficacy")]
    [Parameter(122, 0, 1, Unit = "share", Meaning = "Share of malicious users' requests for fakes that a full-strength output filter refuses", Source = "assumption: as for hallucinations, a strong filter halves them")]
    public double FilterFakeEfficacy { get; init; } = 0.5;
}

/// <summary>
/// False information (docs/model.md §3.13): hallucinations about real persons and malicious users' fakes. Paper 二(二)3:
/// 「使得虚假或误导性信息难以被用户发现」 (false or misleading information is hard to spot) and 「大量公众没有识别出其为
/// 虚假消息」 (many did not recognise it as fake). Each subject faces, at each provider, a hallucination with probability
/// queries × person_query_share × hallucination_rate × (1 − filter × efficacy) ÷ subjects (halved if restricted); a
/// malicious active user makes Poisson fakes about uniformly chosen subjects (the provider's filter refuses
/// filter × filter_fake_efficacy of them), for which the user is liable. A harmful
/// incident leads the subject to dispute it and ask for restriction (<see cref="Rights"/>).
/// </summary>
public sealed class FalseInformation
{
    /// <summary>Hallucinations about a restricted pair are this factor as likely (a fixed constant, docs/model.md §6).</summary>
    public const double RestrictedHallucinationFactor = 0.5;

    private readonly ModelContext _ctx;
    private readonly SubjectStore _s;
    private readonly Tally _tally;
    private readonly Harm _harm;
    private readonly Rights _rights;
    private readonly double[] _hazard;
    private WorldSnapshot _world = new();

    public FalseInformation(ModelContext ctx, SubjectStore s, Tally tally, Harm harm, Rights rights)
    {
        _ctx = ctx;
        _s = s;
        _tally = tally;
        _harm = harm;
        _rights = rights;
        _hazard = new double[ctx.Providers];
    }

    /// <summary>Each provider's per-subject hallucination hazard for this tick.</summary>
    public void BeginTick(WorldSnapshot world)
    {
        _world = world;
        var p = _ctx.P;
        for (var k = 0; k < _hazard.Length; k++)
        {
            _hazard[k] = world.QueriesByProvider[k] * p.PersonQueryShare * p.HallucinationRate
                * (1.0 - world.Providers[k].OutputFilter * p.FilterFactualityEfficacy) / Math.Max(1, _ctx.Subjects);
        }
    }

    /// <summary>Whether provider p hallucinates about subject i (pair ip) today, with the subject's use draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Hallucinate(int i, int p, int ip, in DrawSequence use)
    {
        var hazard = _hazard[p] * ((_s.State[ip] & PairState.Restricted) != 0 ? RestrictedHallucinationFactor : 1.0);
        if (hazard > 0 && use.Uniform(DrawLayout.Use.Hallucination + p) < hazard) Incident(i, p, ip, use);
    }

    // event skipping (docs/model.md §8): each provider's bound on the hazard, and whether the chains have started
    private double[] _bound = [];
    private bool _chains;

    /// <summary>
    /// Event skipping: (re)starts every pair's hallucination chain when a provider's hazard exceeds its bound (the bound
    /// becomes <see cref="Regurgitation.BoundMargin"/> × today's hazard), or on a training tick when it fell below half of it.
    /// </summary>
    public void PrepareChains(EventCalendar calendar)
    {
        if (_bound.Length != _hazard.Length) _bound = new double[_hazard.Length];
        var restart = !_chains;
        for (var p = 0; p < _hazard.Length; p++)
            restart |= _hazard[p] > _bound[p] || (_world.TrainingTick && _hazard[p] * Regurgitation.BoundMargin < 0.5 * _bound[p]);
        if (!restart) return;
        _chains = true;
        var tick = _world.Tick;
        calendar.Remove(Chain.Hallucination, tick);
        var inv = calendar.InvLogNot(Chain.Hallucination);
        for (var p = 0; p < _hazard.Length; p++)
        {
            _bound[p] = Math.Min(1.0, _hazard[p] * Regurgitation.BoundMargin);
            inv[p] = Geometric.InvLogNot(_bound[p]);
        }
        for (var i = 0; i < _s.Count; i++)
        {
            for (var p = 0; p < _hazard.Length; p++)
            {
                if (_bound[p] > 0) calendar.Start(i, Chain.Hallucination, p, tick, tick, DrawLayout.WaitingFirst.Hallucination + p, inv[p]);
            }
        }
    }

    /// <summary>Event skipping: a candidate of pair ip due today, accepted with probability hazard / bound.</summary>
    public void Candidate(int i, int p, int ip, EventCalendar calendar)
    {
        var tick = _world.Tick;
        var hazard = _hazard[p] * ((_s.State[ip] & PairState.Restricted) != 0 ? RestrictedHallucinationFactor : 1.0);
        var use = new DrawSequence(_ctx.Seed, RandomStream.Use, _s.First + i, tick);
        if (hazard > 0 && use.Uniform(DrawLayout.Use.Hallucination + p) * _bound[p] < hazard) Incident(i, p, ip, use);
        calendar.Next(i, Chain.Hallucination, p, tick, DrawLayout.WaitingNext.Hallucination + p, calendar.InvLogNot(Chain.Hallucination)[p]);
    }

    private void Incident(int i, int p, int ip, in DrawSequence use)
    {
        _tally[TallyField.FalseInfoIncidents]++;
        _tally.Provider(p, ProviderField.Incidents)++;
        if (use.Uniform(DrawLayout.Use.HallucinationHarmful + p) >= _ctx.P.FalseInfoHarmfulShare) return;
        _harm.Cause(i, HarmSource.FalseInformation, PartyKind.Provider, p, p, false, false, _world.Providers[p].OutputFilter, 1);
        _rights.DisputeFalseInformation(i, p, ip, _world.Tick, use.Uniform(DrawLayout.Use.HallucinationDispute + p));
    }

    /// <summary>Fakes an active malicious user gets out of a provider a day: the rate less what the provider's filter refuses.</summary>
    public static double FakesPerDay(ModelParameters p, ProviderView provider) =>
        p.FakesPerMaliciousUserDay * (1.0 - provider.OutputFilter * p.FilterFakeEfficacy);

    /// <summary>The user side: the fakes an active malicious user makes today, as exchange entries about their targets.</summary>
    public static int MakeFakes(ModelContext ctx, int user, byte provider, in DrawSequence d, double mean, double expMinusMean, List<ExchangeEntry> entries)
    {
        var n = d.Poisson(DrawLayout.UserActivity.Fakes, mean, expMinusMean);
        if (n > DrawLayout.MaxFakesPerUserTick)
            throw new InvalidOperationException($"user {user} makes {n} fakes in one tick; the draw layout allows at most {DrawLayout.MaxFakesPerUserTick}");
        for (var f = 0; f < n; f++)
        {
            var target = (int)(d.Uniform(DrawLayout.UserActivity.FakeTarget + f) * ctx.Subjects);
            entries.Add(new ExchangeEntry(target, provider, ExchangeKind.FakeContent, 0, 0, user));
        }
        return n;
    }

    /// <summary>The subject side: today's fakes about this cohort's subjects (entries sorted by subject, provider, kind, user).</summary>
    public void Fakes(ExchangeEntry[] entries)
    {
        var tick = _world.Tick;
        var subject = -1;
        var index = 0;
        DrawSequence fd = default;
        foreach (var e in entries)
        {
            if (e.Kind != ExchangeKind.FakeContent) continue;
            if (e.Subject != subject)
            {
                subject = e.Subject;
                index = 0;
                fd = new DrawSequence(_ctx.Seed, RandomStream.FakeContent, subject, tick);
            }
            _tally[TallyField.FakeIncidents]++;
            _tally[TallyField.FalseInfoIncidents]++;
            _tally.Provider(e.Provider, ProviderField.Incidents)++;
            var f = index++;
            if (fd.Uniform(DrawLayout.Fakes.Harmful + 2 * f) >= _ctx.P.FakeHarmfulShare) continue;
            var i = subject - _s.First;
            _harm.Cause(i, HarmSource.FalseInformation, PartyKind.User, e.User, e.Provider, false, true, 0, 1);
            _rights.DisputeFalseInformation(i, e.Provider, i * _s.Providers + e.Provider, tick, fd.Uniform(DrawLayout.Fakes.Dispute + 2 * f));
        }
    }
}
