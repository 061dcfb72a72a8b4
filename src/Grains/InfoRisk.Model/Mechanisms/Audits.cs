using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("fine_violation_share")]
    [Parameter(92, 1e-9, 1, Unit = "share", Meaning = "Violating records, as a share of the records the provider holds, that earn the full fine (and saturate risk-based audit rates)", Source = "assumption: violations on a tenth of the store since the last audit earn the full fine; a share, so that gravity does not depend on how many subjects are simulated")]
    public double FineViolationShare { get; init; } = 0.1;
}

/// <summary>
/// Regulators' audits and fines (docs/model.md §3.24). Not in the paper as audits; nearest passage 四(二): PIPL art. 11
/// (the state prevents and punishes infringements) and the Data Security Law art. 22 risk-monitoring mechanism. Violations
/// (secondary-use violations and unconsented sensitive records) accumulate; an audit that finds some fines
/// min(fine_max_yuan × N/P, turnover × fine_max_turnover_share) × severity (PIPL art. 66), severity = min(1, violations ÷
/// (fine_violation_share × records held)), and resets the count. The ceiling in yuan is for a firm serving the whole
/// represented population, so it is scaled by the sample fraction N/P; turnover is the simulated firm's own. Regulators
/// are not agents: audits are drawn in the provider's plan.
/// </summary>
public sealed class Audits(ModelContext ctx)
{
    private long _violations;

    /// <summary>Fines paid so far (fen): they deter secondary use.</summary>
    public long FinesPaidFen { get; private set; }

    /// <summary>The gravity of accumulated violations against a store of <paramref name="heldRecords"/> records, in [0, 1].</summary>
    public static double Severity(ModelParameters p, double violations, double heldRecords) =>
        Math.Min(1.0, violations / Math.Max(1.0, p.FineViolationShare * heldRecords));

    /// <summary>The fine ceiling (yuan): PIPL art. 66's amount scaled to the simulated market, or the turnover share, whichever is lower.</summary>
    public static double CeilingYuan(ModelContext ctx, double annualTurnoverYuan) =>
        Math.Min(ctx.Regime.FineMaxYuan * ctx.SampleFraction, annualTurnoverYuan * ctx.Regime.FineMaxTurnoverShare);

    /// <summary>
    /// The daily chance of an audit: audits_per_year / 365, × the risk grade's factor (<see cref="RiskAssessment.AuditFactor"/>),
    /// × (0.5 + min(1.5, violations ÷ (fine_violation_share × records held))) when audits are risk-based.
    /// </summary>
    public static double DailyRate(ModelContext ctx, int grade, double violations, double heldRecords)
    {
        var rate = ctx.Regime.AuditsPerYear / 365.0 * RiskAssessment.AuditFactor(grade);
        if (ctx.Regime.RiskBasedAudits) rate *= 0.5 + Math.Min(1.5, violations / Math.Max(1.0, ctx.P.FineViolationShare * heldRecords));
        return rate;
    }

    /// <summary>Today's chance of an audit of this provider.</summary>
    public double Rate(int grade, long heldRecords) => DailyRate(ctx, grade, _violations, heldRecords);

    /// <summary>Adds today's violations and, if audited, fines: returns the fine (fen). Turnover is annualised from revenue so far.</summary>
    public long Settle(long violations, bool audited, long revenueSoFarFen, int ticksSeen, long heldRecords)
    {
        _violations += violations;
        long fine = 0;
        if (audited && _violations > 0)
        {
            var annualTurnoverYuan = Money.ToYuan(revenueSoFarFen) * 365.0 / Math.Max(1, ticksSeen);
            fine = Money.ToFen(CeilingYuan(ctx, annualTurnoverYuan) * Severity(ctx.P, _violations, heldRecords));
            _violations = 0;
        }
        FinesPaidFen += fine;
        return fine;
    }
}
