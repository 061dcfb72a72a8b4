using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("adaptation")]
    [Parameter(108, 0, 1e12, Unit = "switch", Meaning = "Whether providers and deployers adapt their security (and providers their de-identification) each epoch", Source = "switch: providers and deployers adapt at the end of each epoch")]
    public bool Adaptation { get; init; } = true;

    [JsonPropertyName("security_step")]
    [Parameter(109, 0, 1, Unit = "0..1", Meaning = "Most a security level moves in one epoch", Source = "assumption: security budgets change gradually")]
    public double SecurityStep { get; init; } = 0.1;
}

/// <summary>
/// Adaptation (docs/model.md §3.26): at the end of each epoch providers choose their de-identification practice (never
/// below the regime's minimum) and security, and deployers their security, to minimise upkeep plus the expected cost of
/// breaches, with the liability the regime's own rules imply (<see cref="ExpectedLiability"/>). Paper 五(三)2:
/// 「惩罚性赔偿能够消除行为人继续实施侵权行为的动力」 (punitive damages remove the incentive to keep infringing).
/// </summary>
public static class Adaptation
{
    /// <summary>Whether a firm adapts at the end of this tick: the last tick of an epoch, with adaptation on.</summary>
    public static bool IsDecisionTick(ModelParameters p, int tick) => p.Adaptation && (tick + 1) % Math.Max(1, p.EpochTicks) == 0;

    /// <summary>Share of exposed records that end up identifying their subject under a practice, as firms reckon it.</summary>
    public static double ReidentificationFactor(ModelContext ctx, Deidentification d) => d switch
    {
        Deidentification.None => 1.0,
        Deidentification.Pseudonymise => Aggregation.Linkage(ctx) * 0.9,
        _ => 1.0 / Math.Max(1, ctx.Regime.KAnonymity),
    };

    /// <summary>A provider's choice: the cheapest practice at or above the regime's minimum, then the security (one step at most).</summary>
    public static (Deidentification Practice, double Security) Provider(ModelContext ctx, double security, Deidentification current, long heldRecords, long heldSubjects, long sensitiveHeld)
    {
        var p = ctx.P;
        var held = (double)Math.Max(1, heldRecords);
        var recordsPerSubject = held / Math.Max(1, heldSubjects);
        var sensitiveShare = sensitiveHeld / held;

        double CostPerExposed(double s, Deidentification d)
        {
            var general = ExpectedLiability.PerExposedRecordYuan(ctx, s, false, recordsPerSubject);
            var sensitive = ExpectedLiability.PerExposedRecordYuan(ctx, s, true, recordsPerSubject);
            return p.BreachResponseCostYuanPerRecord + ReidentificationFactor(ctx, d) * ((1 - sensitiveShare) * general + sensitiveShare * sensitive);
        }

        var practice = current;
        var bestCost = double.MaxValue;
        for (var d = ctx.Regime.Deidentification; d <= Deidentification.Anonymise; d++)
        {
            var perDay = held * Aggregation.CostPerRecord(p, d) / Math.Max(1, p.EpochTicks)
                + Breaches.Daily(p, security) * Breaches.ExpectedShare(p) * held * CostPerExposed(security, d);
            if (perDay < bestCost - 1e-9)
            {
                bestCost = perDay;
                practice = d;
            }
        }
        var target = Breaches.ChooseSecurity(p, held, p.SecurityCostYuanPerRecordDay, s => CostPerExposed(s, practice));
        return (practice, Step(p, security, target));
    }

    /// <summary>A deployer's security: minimise upkeep plus expected breach cost for its customers' records.</summary>
    public static double Deployer(ModelContext ctx, double security, long heldRecords, bool sensitiveSector)
    {
        var p = ctx.P;
        var held = Math.Max(1.0, heldRecords);
        var recordsPerCustomer = p.DeployerGeneralRecords + (sensitiveSector ? p.DeployerSensitiveRecords : 0);
        var target = Breaches.ChooseSecurity(p, held, p.SecurityCostYuanPerRecordDay,
            s => p.BreachResponseCostYuanPerRecord + ExpectedLiability.PerExposedRecordYuan(ctx, s, sensitiveSector, recordsPerCustomer));
        return Step(p, security, target);
    }

    private static double Step(ModelParameters p, double security, double target) =>
        Math.Round(Math.Clamp(target, security - p.SecurityStep, security + p.SecurityStep), 6);
}
