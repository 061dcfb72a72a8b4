using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("fine_violation_scale")]
    [Parameter(92, 0, 1e12, Unit = "records", Meaning = "Violating records that earn the full fine (and saturate risk-based audit rates)", Source = "assumption: about a thousand violating records earn the full fine")]
    public double FineViolationScale { get; init; } = 1000.0;
}

/// <summary>
/// Regulators' audits and fines (docs/model.md §3.24). Not in the paper as audits; nearest passage 四(二): PIPL art. 11
/// (the state prevents and punishes infringements) and the Data Security Law art. 22 risk-monitoring mechanism. Violations
/// (secondary-use violations and unconsented sensitive records) accumulate; an audit that finds some fines
/// min(fine_max_yuan, turnover × fine_max_turnover_share) × min(1, violations ÷ scale) (PIPL art. 66) and resets the count.
/// Regulators are not agents: audits are drawn in the provider's plan.
/// </summary>
public sealed class Audits(ModelContext ctx)
{
    private long _violations;

    /// <summary>Fines paid so far (fen): they deter secondary use.</summary>
    public long FinesPaidFen { get; private set; }

    /// <summary>Today's chance of an audit: audits_per_year / 365, × (0.5 + min(1.5, violations ÷ scale)) when risk-based.</summary>
    public double Rate()
    {
        var rate = ctx.Regime.AuditsPerYear / 365.0;
        if (ctx.Regime.RiskBasedAudits) rate *= 0.5 + Math.Min(1.5, _violations / Math.Max(1.0, ctx.P.FineViolationScale));
        return rate;
    }

    /// <summary>Adds today's violations and, if audited, fines: returns the fine (fen). Turnover is annualised from revenue so far.</summary>
    public long Settle(long violations, bool audited, long revenueSoFarFen, int ticksSeen)
    {
        _violations += violations;
        long fine = 0;
        if (audited && _violations > 0)
        {
            var annualTurnoverFen = revenueSoFarFen * 365.0 / ticksSeen;
            var ceiling = Math.Min(Money.ToFen(ctx.Regime.FineMaxYuan), annualTurnoverFen * ctx.Regime.FineMaxTurnoverShare);
            var severity = Math.Min(1.0, _violations / Math.Max(1.0, ctx.P.FineViolationScale));
            fine = (long)(ceiling * severity);
            _violations = 0;
        }
        FinesPaidFen += fine;
        return fine;
    }
}
