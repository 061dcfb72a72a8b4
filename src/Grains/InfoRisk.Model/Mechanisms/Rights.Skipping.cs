using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Randomness;

namespace InfoRisk.Model;

/// <summary>Rights under event skipping (docs/model.md §8): awareness and reconsideration as chains of candidate events.</summary>
public sealed partial class Rights
{
    /// <summary>
    /// Event skipping (docs/model.md §8): awareness chains run on every pair not yet aware (bound = the subject's own
    /// hazard, so every candidate on a held pair is accepted); a reconsideration chain (bound 0.1) runs on every aware pair
    /// that has neither objected nor been restricted. Candidates on pairs that are not eligible today are passed over.
    /// </summary>
    private void ExerciseSkipping(int tick, EventCalendar calendar)
    {
        var providers = _s.Providers;
        var state = _s.State;
        if (!_chains)
        {
            _chains = true;
            var clarity = 0.5 + _regime.NoticeClarity;
            for (var level = 0; level < _awarenessInv.Length; level++)
                _awarenessInv[level] = Geometric.InvLogNot(_p.AwarenessPerDay * clarity * (0.5 + _ctx.Literacy[level]));
            for (var i = 0; i < _s.Count; i++)
            {
                var inv = _awarenessInv[_s.Literacy[i]];
                var ip = i * providers;
                for (var p = 0; p < providers; p++, ip++)
                {
                    if ((state[ip] & PairState.Aware) == 0) calendar.Start(i, Chain.Awareness, p, tick, tick, DrawLayout.WaitingFirst.Awareness + p, inv);
                    else StartReconsidering(_s, i, p, ip, tick, tick);
                }
            }
        }
        if (calendar.Due(tick) is not { } due) return;
        for (var k = 0; k < due.Count; k++)
        {
            var e = due[k];
            var chain = EventCalendar.ChainOf(e);
            if (chain is not (Chain.Awareness or Chain.Reconsider)) continue;
            int i = EventCalendar.Local(e), p = EventCalendar.Index(e), ip = i * providers + p;
            ref var st = ref state[ip];
            if (chain == Chain.Awareness)
            {
                if ((st & PairState.Aware) != 0) continue; // aware by another route: the chain ends
                if (_s.Held(ip) > 0)
                {
                    // the bound is the hazard itself, so the candidate is an event: the subject learns and acts
                    st |= PairState.Aware;
                    var d = new LazyDrawSequence(_ctx.Seed, RandomStream.Rights, _s.First + i, tick);
                    Act(i, p, ip, tick, ref d);
                    StartReconsidering(_s, i, p, ip, tick, tick + 1);
                    continue;
                }
                calendar.Next(i, Chain.Awareness, p, tick, DrawLayout.WaitingNext.Awareness + p, _awarenessInv[_s.Literacy[i]]);
            }
            else
            {
                if ((st & (PairState.Objected | PairState.Restricted)) != 0)
                {
                    st &= ~PairState.ReconsiderChain; // it can never act again: the chain ends
                    continue;
                }
                if (_s.Held(ip) > 0 && (st & (PairState.DeletionPending | PairState.RestrictionPending)) == 0)
                {
                    var d = new LazyDrawSequence(_ctx.Seed, RandomStream.Rights, _s.First + i, tick);
                    Act(i, p, ip, tick, ref d);
                }
                calendar.Next(i, Chain.Reconsider, p, tick, DrawLayout.WaitingNext.Reconsider + p, ReconsiderInvLogNot);
            }
        }
    }

    /// <summary>Chance a day that an aware subject that has not acted acts after all (a fixed constant, docs/model.md §6).</summary>
    public const double ReconsiderPerDay = 0.1;

    private static readonly double ReconsiderInvLogNot = Geometric.InvLogNot(ReconsiderPerDay);

    /// <summary>
    /// Event skipping: a pair that became aware on <paramref name="tick"/> (learning, a regurgitation, a breach notice) gets a
    /// reconsideration chain from tick <paramref name="from"/>, unless it has one or can never act again.
    /// </summary>
    public static void StartReconsidering(SubjectStore s, int i, int p, int ip, int tick, int from)
    {
        if (s.Calendar is not { } calendar) return;
        ref var st = ref s.State[ip];
        if ((st & (PairState.ReconsiderChain | PairState.Objected | PairState.Restricted)) != 0) return;
        st |= PairState.ReconsiderChain;
        calendar.Start(i, Chain.Reconsider, p, tick, from, DrawLayout.WaitingFirst.Reconsider + p, ReconsiderInvLogNot);
    }
}
