using System.Text.Json.Serialization;
using InfoRisk.Model.Cohorts;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.Randomness;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("secondary_use_appetite")]
    [Parameter(50, 0, 1, Unit = "share/epoch", Meaning = "Share of its store a provider would reuse for other purposes each epoch", Source = "assumption: a provider would reuse 30% of its store each epoch")]
    public double SecondaryUseAppetite { get; init; } = 0.3;

    [JsonPropertyName("secondary_use_revenue_yuan")]
    [Parameter(51, 0, 1e12, Unit = "yuan/record", Meaning = "Revenue per reused record", Source = "assumption")]
    public double SecondaryUseRevenueYuan { get; init; } = 0.02;

    [JsonPropertyName("secondary_use_harm_probability")]
    [Parameter(127, 0, 1, Unit = "probability", Meaning = "Chance that a record reused without a lawful basis harms its subject", Source = "assumption: one unlawful reuse in two thousand ends in a loss (unwanted targeting, price discrimination, resale)")]
    public double SecondaryUseHarmProbability { get; init; } = 0.0005;
}

/// <summary>
/// Secondary use and purpose limitation (docs/model.md §3.23). Paper 二(二)2: 「目的限制原则是个人信息利用应当遵循的基本原则」
/// (purpose limitation is the basic principle of use) and 「超越了信息收集时的处理目的」 (beyond the purpose of collection).
/// A provider reuses a share of its store each tick; the regime allows all, half or none of it; the rest are violations,
/// cut by risk assessment (more at higher risk grades). A profit-seeking provider chooses how much to reuse; a
/// compliance-only one reuses its whole appetite, deterred by the fines paid so far relative to the revenue from reuse.
/// Each unlawfully reused record harms its subject with probability secondary_use_harm_probability
/// (<see cref="SecondaryUseHarm"/>), a knowing violation for which the provider answers as for intent.
/// </summary>
public sealed class SecondaryUse(ModelContext ctx)
{
    private long _revenueFen;

    /// <summary>Reuse per tick of a store of <paramref name="held"/> records at full appetite.</summary>
    public static double Appetite(ModelParameters p, double held) => held * p.SecondaryUseAppetite / Math.Max(1, p.EpochTicks);

    /// <summary>Share of reuse the regime allows: 1 (none), 0.5 (compatible) or 0 (strict) (fixed constants, docs/model.md §6).</summary>
    public static double AllowedShare(PurposeLimitation rule) => rule switch
    {
        PurposeLimitation.None => 1.0,
        PurposeLimitation.Compatible => 0.5,
        _ => 0.0,
    };

    /// <summary>Deterrence of a compliance-only provider: the fines paid so far relative to the revenue from reuse, at most 1.</summary>
    private double Deterrence(long finesPaidFen) => _revenueFen > 0 ? Math.Min(1.0, (double)finesPaidFen / _revenueFen) : 0.0;

    /// <summary>
    /// Records reused unlawfully per held record and tick: the appetite beyond the allowed share that the provider chose
    /// (profit) or could not be deterred from (compliance), times the risk grade's violation factor.
    /// </summary>
    public double ViolationRate(double share, bool compliance, long finesPaidFen, int riskGrade)
    {
        var p = ctx.P;
        var allowed = AllowedShare(ctx.Regime.PurposeLimitation);
        var beyond = compliance ? (1.0 - allowed) * (1.0 - Deterrence(finesPaidFen)) : Math.Max(0.0, share - allowed);
        return Appetite(p, 1.0) * beyond * RiskAssessment.ViolationFactor(riskGrade);
    }

    /// <summary>Today's reuse of <paramref name="held"/> records: the violations and the revenue (fen).</summary>
    public (long Violations, long RevenueFen) Reuse(long held, double share, bool compliance, long finesPaidFen, int riskGrade)
    {
        var p = ctx.P;
        var appetite = Appetite(p, held);
        var allowed = AllowedShare(ctx.Regime.PurposeLimitation);
        // (a hair above the product: 0.3 / 30 is not exact in binary, and 20,000 records must give 200, not 199)
        var violations = (long)Math.Floor(held * ViolationRate(share, compliance, finesPaidFen, riskGrade) + 1e-9);
        var lawful = (long)(appetite * (compliance ? allowed : Math.Min(share, allowed)));
        var revenue = Money.ToFen((lawful + violations) * p.SecondaryUseRevenueYuan);
        _revenueFen += revenue;
        return (violations, revenue);
    }
}

/// <summary>
/// The subjects' side of unlawful secondary use (§3.23): each tick, each record a provider holds about a subject is reused
/// unlawfully at the provider's violation rate (<see cref="ProviderView.MisuseRate"/>) and harms the subject with
/// probability secondary_use_harm_probability; one draw per held pair decides whether any of its records does
/// (1 − (1 − rate × probability)^records), a second whether the record is a sensitive one.
/// </summary>
public sealed class SecondaryUseHarm(ModelContext ctx, SubjectStore s, Harm harm)
{
    /// <summary>Most records a pair can hold (255 general and 255 sensitive): the event-skipping bound assumes a full pair.</summary>
    public const int MaxHeld = 510;

    // event skipping (docs/model.md §8): each provider's bound on the per-record chance, and whether the chains have started
    private readonly double[] _perRecordBound = new double[ctx.Providers];
    private readonly double[] _bound = new double[ctx.Providers];
    private bool _chains;

    private double PerRecord(ProviderView provider) => provider.MisuseRate > 0 ? Math.Min(1.0, provider.MisuseRate * ctx.P.SecondaryUseHarmProbability) : 0.0;

    /// <summary>
    /// Event skipping: (re)starts every pair's chain when a provider's per-record chance r exceeds its bound, or on a training
    /// tick when it fell below half of it. A pair's bound is 1 − (1 − r)^510, the chance of a full pair.
    /// </summary>
    public void PrepareChains(WorldSnapshot world, EventCalendar calendar)
    {
        var restart = !_chains;
        for (var p = 0; p < _bound.Length; p++)
        {
            var r = PerRecord(world.Providers[p]);
            restart |= r > _perRecordBound[p] || (world.TrainingTick && r < 0.5 * _perRecordBound[p]);
        }
        if (!restart) return;
        _chains = true;
        var tick = world.Tick;
        calendar.Remove(Chain.Misuse, tick);
        var inv = calendar.InvLogNot(Chain.Misuse);
        for (var p = 0; p < _bound.Length; p++)
        {
            _perRecordBound[p] = PerRecord(world.Providers[p]);
            _bound[p] = 1 - Math.Pow(1 - _perRecordBound[p], MaxHeld);
            inv[p] = Geometric.InvLogNot(_bound[p]);
        }
        for (var i = 0; i < s.Count; i++)
        {
            for (var p = 0; p < _bound.Length; p++)
            {
                if (_bound[p] > 0) calendar.Start(i, Chain.Misuse, p, tick, tick, DrawLayout.WaitingFirst.Misuse + p, inv[p]);
            }
        }
    }

    /// <summary>Event skipping: a candidate of pair ip due today, accepted with probability chance / bound.</summary>
    public void Candidate(int i, int p, int ip, ProviderView provider, int tick, EventCalendar calendar)
    {
        var use = new DrawSequence(ctx.Seed, RandomStream.Use, s.First + i, tick);
        var chance = Chance(ip, provider);
        if (chance > 0 && use.Uniform(DrawLayout.Use.Misuse + p) * _bound[p] < chance) Harmed(i, p, ip, use);
        calendar.Next(i, Chain.Misuse, p, tick, DrawLayout.WaitingNext.Misuse + p, calendar.InvLogNot(Chain.Misuse)[p]);
    }

    private double Chance(int ip, ProviderView provider)
    {
        if (provider.MisuseRate <= 0) return 0;
        var held = s.HeldGeneral[ip] + s.HeldSensitive[ip];
        if (held == 0) return 0;
        var perRecord = Math.Min(1.0, provider.MisuseRate * ctx.P.SecondaryUseHarmProbability);
        return held == 1 ? perRecord : 1 - Math.Pow(1 - perRecord, held);
    }

    private void Harmed(int i, int p, int ip, in DrawSequence use)
    {
        var held = s.HeldGeneral[ip] + s.HeldSensitive[ip];
        var sensitive = use.Uniform(DrawLayout.Use.MisuseSensitive + p) * held < s.HeldSensitive[ip];
        harm.Cause(i, HarmSource.SecondaryUse, PartyKind.Provider, p, p, sensitive, true, 0.0, 1, s.Holders(i));
    }

    public void Misuse(int i, int p, int ip, ProviderView provider, DrawSequence use)
    {
        if (provider.MisuseRate <= 0) return;
        var held = s.HeldGeneral[ip] + s.HeldSensitive[ip];
        if (held == 0) return;
        var perRecord = Math.Min(1.0, provider.MisuseRate * ctx.P.SecondaryUseHarmProbability);
        var chance = held == 1 ? perRecord : 1 - Math.Pow(1 - perRecord, held);
        if (use.Uniform(DrawLayout.Use.Misuse + p) >= chance) return;
        var sensitive = use.Uniform(DrawLayout.Use.MisuseSensitive + p) * held < s.HeldSensitive[ip];
        harm.Cause(i, HarmSource.SecondaryUse, PartyKind.Provider, p, p, sensitive, true, 0.0, 1, s.Holders(i));
    }
}
