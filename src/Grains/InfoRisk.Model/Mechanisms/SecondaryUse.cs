using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("secondary_use_appetite")]
    [Parameter(50, 0, 1e12, Unit = "share/epoch", Meaning = "Share of its store a provider would reuse for other purposes each epoch", Source = "assumption: a provider would reuse 30% of its store each epoch")]
    public double SecondaryUseAppetite { get; init; } = 0.3;

    [JsonPropertyName("secondary_use_revenue_yuan")]
    [Parameter(51, 0, 1e12, Unit = "yuan/record", Meaning = "Revenue per reused record", Source = "assumption")]
    public double SecondaryUseRevenueYuan { get; init; } = 0.02;
}

/// <summary>
/// Secondary use and purpose limitation (docs/model.md §3.23). Paper 二(二)2: 「目的限制原则是个人信息利用应当遵循的基本原则」
/// (purpose limitation is the basic principle of use) and 「超越了信息收集时的处理目的」 (beyond the purpose of collection).
/// A provider reuses a share of its store each tick; the regime allows all, half or none of it; the rest are violations,
/// deterred by the fines paid so far relative to the revenue from reuse, and cut by risk assessment.
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

    /// <summary>
    /// Today's reuse of <paramref name="held"/> records: the violations and the revenue (fen). A profit-seeking provider
    /// reuses the share <paramref name="share"/> of its appetite it chose, knowingly beyond what is allowed where that
    /// pays; a compliance-only one reuses its whole appetite, and its violations are deterred by the fines paid so far
    /// relative to the revenue from reuse (the rule of the first version). Risk assessment cuts violations.
    /// </summary>
    public (long Violations, long RevenueFen) Reuse(long held, double share, bool compliance, long finesPaidFen)
    {
        var p = ctx.P;
        var appetite = (long)Appetite(p, held);
        var allowed = AllowedShare(ctx.Regime.PurposeLimitation);
        var factor = ctx.Regime.RiskAssessment ? RiskAssessment.SecondaryUseFactor : 1.0;
        long lawful, violations;
        if (compliance)
        {
            var deterrence = _revenueFen > 0 ? Math.Min(1.0, (double)finesPaidFen / _revenueFen) : 0.0;
            violations = (long)(appetite * (1.0 - allowed) * (1.0 - deterrence) * factor);
            lawful = (long)(appetite * allowed);
        }
        else
        {
            violations = (long)(appetite * Math.Max(0.0, share - allowed) * factor);
            lawful = (long)(appetite * Math.Min(share, allowed));
        }
        var revenue = Money.ToFen((lawful + violations) * p.SecondaryUseRevenueYuan);
        _revenueFen += revenue;
        return (violations, revenue);
    }
}
