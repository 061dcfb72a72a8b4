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
    [JsonPropertyName("extraction_rate")]
    [Parameter(52, 0, 1, Unit = "share of queries", Meaning = "Share of queries that could pull memorised text", Source = "assumption: share of queries that could pull memorised text")]
    public double ExtractionRate { get; init; } = 0.05;

    [JsonPropertyName("pii_share_of_memorized_output")]
    [Parameter(53, 0, 1, Unit = "share", Meaning = "Share of extracted memorised strings that hold personal information", Source = "Nasr et al. 2023: about 16.9% of extracted memorised strings held personal information")]
    public double PiiShareOfMemorizedOutput { get; init; } = 0.169;

    [JsonPropertyName("restricted_output_reduction")]
    [Parameter(59, 0, 1, Unit = "share", Meaning = "Share of a restricted pair's regurgitation that outputs withhold", Source = "assumption: a restricted record is suppressed in outputs 9 times out of 10")]
    public double RestrictedOutputReduction { get; init; } = 0.9;
}

/// <summary>
/// Regurgitation of memorised personal information (docs/model.md §3.12). Not in the paper as extraction of training
/// data; nearest passage 二(二)2: 「生成式人工智能可能会输出意料之外的内容」 (GAI may output unexpected content). A provider's
/// per-record hazard this tick is queries × extraction_rate × (1 − its filter) × pii_share ÷ the personal records it could
/// train on (so the PII share of output scales with the share of them it does train on, Nasr et al.'s 16.9% at all); a subject
/// with m memorised records there has an incident with probability 1 − exp(−m × hazard) (cut for restricted pairs). The
/// incident makes the subject aware, and harms it if the output identifies it (1, or 1/k when de-identified).
/// </summary>
public sealed class Regurgitation(ModelContext ctx, SubjectStore s, Tally tally, Harm harm, Aggregation aggregation)
{
    private readonly double[] _perRecord = new double[ctx.Providers];
    private WorldSnapshot _world = new();

    /// <summary>Each provider's per-record hazard for this tick.</summary>
    public void BeginTick(WorldSnapshot world)
    {
        _world = world;
        for (var p = 0; p < _perRecord.Length; p++)
        {
            var v = world.Providers[p];
            _perRecord[p] = v.TrainableRecords > 0
                ? world.QueriesByProvider[p] * ctx.P.ExtractionRate * (1.0 - v.OutputFilter) * ctx.P.PiiShareOfMemorizedOutput / v.TrainableRecords
                : 0;
        }
    }

    /// <summary>Provider p's outputs today about subject i (pair ip), with the subject's use draws.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Emit(int i, int p, int ip, in DrawSequence use)
    {
        if (s.Memorized[ip] > 0 && _perRecord[p] > 0) EmitMemorised(i, p, ip, use);
    }

    private double Hazard(int ip, int p)
    {
        var restricted = (s.State[ip] & PairState.Restricted) != 0;
        return s.Memorized[ip] * _perRecord[p] * (restricted ? 1.0 - ctx.P.RestrictedOutputReduction : 1.0);
    }

    private void EmitMemorised(int i, int p, int ip, in DrawSequence use)
    {
        if (use.Uniform(DrawLayout.Use.Regurgitation + p) >= 1.0 - Math.Exp(-Hazard(ip, p))) return;
        Incident(i, p, ip, use);
    }

    // event skipping (docs/model.md §8): each provider's bound on the per-record hazard, and whether the chains have started
    private readonly double[] _bound = new double[ctx.Providers];
    private bool _chains;

    /// <summary>Margin of a restarted bound over today's per-record hazard, which moves with the day's queries.</summary>
    public const double BoundMargin = 1.25;

    /// <summary>
    /// Event skipping: (re)starts the chains of memorised pairs on a training tick (memorised counts changed) or when a
    /// provider's per-record hazard exceeds its bound. A pair's bound is 1 − exp(−m × bound), m its memorised records; m only
    /// falls (to 0) between training ticks, so the bound holds until the next restart. Call after training.
    /// </summary>
    public void PrepareChains(WorldSnapshot world, EventCalendar calendar)
    {
        var restart = !_chains || world.TrainingTick;
        for (var p = 0; p < _perRecord.Length; p++) restart |= _perRecord[p] > _bound[p];
        if (!restart) return;
        _chains = true;
        var tick = world.Tick;
        calendar.Remove(Chain.Regurgitation, tick);
        for (var p = 0; p < _perRecord.Length; p++) _bound[p] = _perRecord[p] * BoundMargin;
        var providers = s.Providers;
        for (var i = 0; i < s.Count; i++)
        {
            var ip = i * providers;
            for (var p = 0; p < providers; p++, ip++)
            {
                if (s.Memorized[ip] == 0 || _bound[p] <= 0) continue;
                calendar.Start(i, Chain.Regurgitation, p, tick, tick, DrawLayout.WaitingFirst.Regurgitation + p, Geometric.InvLogNot(PairBound(ip, p)));
            }
        }
    }

    private double PairBound(int ip, int p) => 1.0 - Math.Exp(-s.Memorized[ip] * _bound[p]);

    /// <summary>Event skipping: a candidate of pair ip due today, accepted with probability (1 − exp(−hazard)) / bound.</summary>
    public void Candidate(int i, int p, int ip, EventCalendar calendar)
    {
        if (s.Memorized[ip] == 0) return; // unlearnt or withdrawn: the chain ends until the next restart
        var tick = _world.Tick;
        var bound = PairBound(ip, p);
        var use = new DrawSequence(ctx.Seed, RandomStream.Use, s.First + i, tick);
        if (use.Uniform(DrawLayout.Use.Regurgitation + p) * bound < 1.0 - Math.Exp(-Hazard(ip, p))) Incident(i, p, ip, use);
        calendar.Next(i, Chain.Regurgitation, p, tick, DrawLayout.WaitingNext.Regurgitation + p, Geometric.InvLogNot(bound));
    }

    private void Incident(int i, int p, int ip, in DrawSequence use)
    {
        tally[TallyField.RegurgitationIncidents]++;
        tally.Provider(p, ProviderField.Incidents)++;
        s.State[ip] |= PairState.Aware;
        Rights.StartReconsidering(s, i, p, ip, _world.Tick, _world.Tick);
        if (use.Uniform(DrawLayout.Use.RegurgitationIdentifies + p) >= aggregation.IdentificationRisk(i, p, _world)) return;
        var sensitiveHeld = s.HeldSensitive[ip];
        var sensitive = sensitiveHeld > 0 && use.Uniform(DrawLayout.Use.RegurgitationSensitive + p) * s.Held(ip) < sensitiveHeld;
        harm.Cause(i, HarmSource.Regurgitation, PartyKind.Provider, p, p, sensitive, false, _world.Providers[p].OutputFilter, 1);
    }
}
