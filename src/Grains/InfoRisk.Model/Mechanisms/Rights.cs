using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("awareness_per_day")]
    [Parameter(25, 0, 1, Unit = "1/day", Meaning = "Daily chance that a subject learns a provider holds its data, before clarity and literacy", Source = "calibrated: requests not prompted by a harm come to about 700 a year per million subjects held under dynamic balance, inside DataGrail's 377 (2021) to 859 (2024) data subject requests per million identities a year; `inforisk calibrate` checks it")]
    public double AwarenessPerDay { get; init; } = 0.0000015;

    [JsonPropertyName("objection_propensity")]
    [Parameter(26, 0, 1, Unit = "probability", Meaning = "Scale of the chance that a newly aware subject objects: min(1, propensity x (0.5 + concern))", Source = "assumption: a subject who becomes aware objects with probability min(1, objection_propensity x (0.5 + concern))")]
    public double ObjectionPropensity { get; init; } = 0.4;

    [JsonPropertyName("deletion_propensity")]
    [Parameter(79, 0, 1, Unit = "probability", Meaning = "Chance that a fully concerned aware subject asks for deletion (times concern)", Source = "assumption: a fully concerned subject (θ = 1) asks for deletion half the time")]
    public double DeletionPropensity { get; init; } = 0.5;

    [JsonPropertyName("restriction_propensity")]
    [Parameter(80, 0, 1, Unit = "probability", Meaning = "Chance that a fully concerned aware subject asks for restriction (times concern)", Source = "assumption: restriction is the rarer request")]
    public double RestrictionPropensity { get; init; } = 0.15;

    [JsonPropertyName("restriction_after_false_info")]
    [Parameter(81, 0, 1, Unit = "probability", Meaning = "Chance that a subject harmed by false information disputes it and asks for restriction", Source = "assumption: half of those harmed by falsehoods dispute accuracy (the paper's use case for restriction)")]
    public double RestrictionAfterFalseInfo { get; init; } = 0.5;

    [JsonPropertyName("partial_restriction_grant")]
    [Parameter(82, 0, 1, Unit = "probability", Meaning = "Chance a restriction is granted where the right is partial (PIPL art. 44)", Source = "assumption: case-by-case grant under art. 44")]
    public double PartialRestrictionGrant { get; init; } = 0.5;

    [JsonPropertyName("access_propensity")]
    [Parameter(125, 0, 1, Unit = "probability", Meaning = "Scale of the chance that a newly aware subject asks a provider for access to (a copy of) its data: min(1, propensity x (0.5 + concern))", Source = "assumption: fewer use access than object; a fully concerned subject asks 45% of the time")]
    public double AccessPropensity { get; init; } = 0.3;

    [JsonPropertyName("rights_request_cost_yuan")]
    [Parameter(100, 0, 1e12, Unit = "yuan", Meaning = "Provider's cost of serving one deletion, restriction or access request", Source = "assumption: staff time per request")]
    public double RightsRequestCostYuan { get; init; } = 20.0;

    [JsonPropertyName("unlearning_cost_yuan")]
    [Parameter(101, 0, 1e12, Unit = "yuan", Meaning = "Provider's cost of unlearning one pair's memorised records", Source = "assumption: machine unlearning is expensive")]
    public double UnlearningCostYuan { get; init; } = 200.0;
}

/// <summary>
/// Rights (docs/model.md §3.17): awareness, objection, access, deletion, restriction and unlearning. Paper 四(三)1:
/// 「诸如知情决定权、查阅复制权、更正补充权、删除权等」 (the existing rights, deletion among them), and
/// 「限制处理权能够在保护信息主体免受不正确信息侵害的同时兼顾信息处理者的利益」 (restriction protects the subject from
/// incorrect information while respecting the processor's interest). Requests wait <c>deletion_delay_days</c> and are
/// served on their due tick; access (PIPL art. 45) is served at once and gives the subject a copy of what the provider
/// holds, which later lets it name that provider and helps it prove causation (<see cref="Liability.LiabilityRules"/>);
/// rights are exercised against providers only.
/// </summary>
public sealed partial class Rights
{
    private readonly record struct Request(int Local, byte Provider, bool Deletion);

    private readonly ModelContext _ctx;
    private readonly ModelParameters _p;
    private readonly Regime _regime;
    private readonly SubjectStore _s;
    private readonly Tally _tally;
    private readonly List<Request>[] _due;
    private readonly Stack<List<Request>> _spare = new();
    // event skipping (docs/model.md §8): 1 / ln(1 − hazard) of awareness per literacy level, and whether the chains have started
    private readonly double[] _awarenessInv;
    private bool _chains;

    public Rights(ModelContext ctx, SubjectStore s, Tally tally)
    {
        _ctx = ctx;
        _p = ctx.P;
        _regime = ctx.Regime;
        _s = s;
        _tally = tally;
        _due = new List<Request>[ctx.Spec.Ticks + 1];
        _awarenessInv = new double[ctx.Literacy.Length];
    }

    /// <summary>Subjects learn that providers hold their data, and having learnt may object and ask for deletion or restriction.</summary>
    public void Exercise(int tick)
    {
        if (_s.Calendar is { } calendar)
        {
            ExerciseSkipping(tick, calendar);
            return;
        }
        var providers = _s.Providers;
        var state = _s.State;
        for (var i = 0; i < _s.Count; i++)
        {
            // keyed only when a draw is needed: most subjects hold nothing to act on on most days (same key, same draws)
            var d = new LazyDrawSequence(_ctx.Seed, RandomStream.Rights, _s.First + i, tick);
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                ref var st = ref state[ip];
                var held = _s.Held(ip);
                if (held == 0) continue; // nothing held: neither learning nor acting is possible
                var becameAware = false;
                if ((st & PairState.Aware) == 0)
                {
                    var learn = _p.AwarenessPerDay * (0.5 + _regime.NoticeClarity) * (0.5 + _s.LiteracyOf(i));
                    if (d.Uniform(DrawLayout.Rights.Awareness + p) >= learn) continue;
                    st |= PairState.Aware;
                    becameAware = true;
                }
                else if ((st & (PairState.DeletionPending | PairState.Objected | PairState.Restricted | PairState.RestrictionPending)) == 0
                    && d.Uniform(DrawLayout.Rights.Reconsider + p) < ReconsiderPerDay)
                {
                    // already aware (for example after an incident) and not yet acted: act now
                    becameAware = true;
                }
                if (!becameAware) continue;
                Act(i, p, ip, tick, ref d);
            }
        }
    }

    /// <summary>A subject that has just learnt (or reconsiders) acts on pair ip: objection, access, deletion, restriction.</summary>
    private void Act(int i, int p, int ip, int tick, ref LazyDrawSequence d)
    {
        ref var st = ref _s.State[ip];
        var concern = _s.ConcernOf(i);
        // having learnt, the subject may object to further processing (honoured where the regime does)
        if (d.Uniform(DrawLayout.Rights.Objection + p) < Math.Min(1.0, _p.ObjectionPropensity * (0.5 + concern))) st |= PairState.Objected;
        if (_regime.AccessRight && (st & PairState.Accessed) == 0 && d.Uniform(DrawLayout.Rights.Access + p) < Math.Min(1.0, _p.AccessPropensity * (0.5 + concern)))
        {
            st |= PairState.Accessed;
            _tally[TallyField.AccessRequests]++;
            _tally.Provider(p, ProviderField.RightsRequestsServed)++;
        }
        if (d.Uniform(DrawLayout.Rights.Deletion + p) < concern * _p.DeletionPropensity)
        {
            _tally[TallyField.DeletionRequests]++;
            if (_regime.DeletionRight && (st & PairState.DeletionPending) == 0)
            {
                st |= PairState.DeletionPending;
                Queue(new Request(i, (byte)p, true), tick + Math.Max(0, _regime.DeletionDelayDays));
            }
        }
        if (d.Uniform(DrawLayout.Rights.Restriction + p) < concern * _p.RestrictionPropensity)
            RequestRestriction(i, p, ip, tick, d.Uniform(DrawLayout.Rights.RestrictionGranted + p));
    }

    /// <summary>A subject harmed by false information disputes its accuracy and may ask for restriction (one uniform, split).</summary>
    public void DisputeFalseInformation(int i, int p, int ip, int tick, double u)
    {
        if (u < _p.RestrictionAfterFalseInfo) RequestRestriction(i, p, ip, tick, u / Math.Max(1e-12, _p.RestrictionAfterFalseInfo));
    }

    private void RequestRestriction(int i, int p, int ip, int tick, double grantDraw)
    {
        ref var st = ref _s.State[ip];
        if ((st & (PairState.Restricted | PairState.RestrictionPending)) != 0) return;
        _tally[TallyField.RestrictionRequests]++;
        var granted = _regime.RestrictionRight switch
        {
            RestrictionRight.Independent => true,
            RestrictionRight.Partial => grantDraw < _p.PartialRestrictionGrant,
            _ => false,
        };
        if (!granted) return;
        st |= PairState.RestrictionPending;
        Queue(new Request(i, (byte)p, false), tick + Math.Max(0, _regime.DeletionDelayDays));
    }

    private void Queue(Request r, int due)
    {
        if (due >= _due.Length) return;
        // lists of served ticks are reused: a run's steady state allocates none
        (_due[due] ??= _spare.Count > 0 ? _spare.Pop() : new List<Request>(64)).Add(r);
    }

    /// <summary>Serves the deletions and restrictions due today.</summary>
    public void Serve(int tick)
    {
        var due = _due[tick];
        if (due is null) return;
        _due[tick] = null!;
        foreach (var r in due)
        {
            var ip = r.Local * _s.Providers + r.Provider;
            ref var st = ref _s.State[ip];
            if (r.Deletion)
            {
                if ((st & PairState.DeletionPending) == 0) continue; // the store was withdrawn meanwhile (Market.Withdraw)
                st &= ~PairState.DeletionPending;
                var draw = new DrawSequence(_ctx.Seed, RandomStream.Rights, (long)(_s.First + r.Local) * 64 + r.Provider, -tick - 1);
                if (draw.Uniform(DrawLayout.DeletionServed.Served) >= _regime.DeletionShareServed) continue;
                _s.SetHeld(r.Local, ip, 0, 0);
                var wasInferable = _s.HasInferable(r.Local);
                var wasScraped = (st & PairState.Scraped) != 0;
                if (wasScraped) _s.Stocks.ScrapedChanged(r.Provider, false);
                st &= ~(PairState.Scraped | PairState.Inferable);
                if (wasScraped) _s.Calendar?.Unscraped(r.Local, r.Provider, st, tick);
                if (wasInferable && !_s.HasInferable(r.Local)) _s.Stocks.InferableChanged(false);
                _tally[TallyField.DeletionsServed]++;
                _tally.Provider(r.Provider, ProviderField.RightsRequestsServed)++;
                // deleted records stay memorised until the next retraining, unless the regime demands unlearning
                if (_regime.UnlearningOnDeletion && _s.Memorized[ip] > 0)
                {
                    _s.Stocks.MemorizedChanged(r.Provider, -_s.Memorized[ip]);
                    _s.Memorized[ip] = 0;
                    _tally.Provider(r.Provider, ProviderField.Unlearnings)++;
                }
            }
            else
            {
                if ((st & PairState.RestrictionPending) == 0) continue;
                if ((st & PairState.Restricted) == 0) _s.Stocks.RestrictionTookEffect(r.Provider, _s.Held(ip));
                st = (st & ~PairState.RestrictionPending) | PairState.Restricted;
                _tally[TallyField.RestrictionsServed]++;
                _tally.Provider(r.Provider, ProviderField.RightsRequestsServed)++;
            }
        }
        due.Clear();
        _spare.Push(due);
    }
}
