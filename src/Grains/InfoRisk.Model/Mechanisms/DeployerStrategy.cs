using System.Text.Json.Serialization;
using InfoRisk.Model.Actors;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Liability;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("deployer_sensitive_value_yuan_day")]
    [Parameter(121, 0, 1e12, Unit = "yuan/customer/day", Meaning = "What a customer's sensitive records are worth a day to a deployer in a sensitive sector (better decisions)", Source = "assumption")]
    public double DeployerSensitiveValueYuanDay { get; init; } = 0.01;
}

/// <summary>What a deployer knows at the end of an epoch.</summary>
public readonly record struct DeployerState(long Customers, long Records, double DiscriminationHarmsPerDay, bool SensitiveSector, int Holders);

/// <summary>
/// The deployer's decision rule (docs/model.md §3.29): at the end of each epoch a profit-seeking deployer chooses its
/// security (at most adjustment_step from where it stands) and, in a sensitive sector, whether to take in its customers'
/// sensitive records, to maximise the value of those records less security upkeep, breach response and the liability
/// the regime's rules imply for breaches and discriminatory decisions (<see cref="LiabilityTable"/>). Deployers are
/// judged on their security for both (a simplification, docs/model.md §6).
/// </summary>
public sealed class DeployerStrategy(ModelContext ctx)
{
    private readonly LiabilityTable _table = LiabilityTable.For(ctx);
    private readonly double _expectedShare = Breaches.ExpectedShare(ctx.P);

    public DeployerConduct Choose(DeployerState st, DeployerConduct current)
    {
        Func<DeployerConduct, IEnumerable<DeployerConduct>>[] moves =
        [
            x => ChoiceGrid.Around(current.Security, 0, 1, ChoiceGrid.CareStep, ctx.P.AdjustmentStep).Select(v => x with { Security = v }),
            x => st.SensitiveSector ? [x with { TakesSensitive = false }, x with { TakesSensitive = true }] : [x],
        ];
        return ChoiceGrid.Maximise(current, moves, x => Profit(st, x));
    }

    /// <summary>The deployer's forecast profit per day under a conduct (yuan).</summary>
    public double Profit(DeployerState st, DeployerConduct x)
    {
        var p = ctx.P;
        var sensitive = st.SensitiveSector && x.TakesSensitive;
        var consent = ctx.Regime.ConsentSensitive == ConsentMode.OptIn || ctx.Regime.RiskAssessment != RiskAssessmentMode.None
            ? Consent.AgreeProbability(p, 0.5, 0.5) : 1.0;
        var sensitiveCustomers = sensitive ? st.Customers * consent : 0;
        var records = st.Customers * p.DeployerGeneralRecords + sensitiveCustomers * p.DeployerSensitiveRecords;
        var exposures = Breaches.Daily(p, x.Security) * _expectedShare;
        var breachHarm = exposures * ((st.Customers - sensitiveCustomers) * HarmChance(false) * _table.Expected(HarmSource.Breach, PartyKind.Deployer, false, x.Security, st.Holders).Deployer
            + sensitiveCustomers * HarmChance(true) * _table.Expected(HarmSource.Breach, PartyKind.Deployer, true, x.Security, st.Holders).Deployer);
        var discrimination = st.DiscriminationHarmsPerDay * _table.Expected(HarmSource.Discrimination, PartyKind.Deployer, false, x.Security).Deployer;
        return sensitiveCustomers * p.DeployerSensitiveValueYuanDay
            - Breaches.SecurityUpkeepYuanPerDay(x.Security, records, p.SecurityCostYuanPerRecordDay)
            - exposures * records * p.BreachResponseCostYuanPerRecord - breachHarm - discrimination;
    }

    private double HarmChance(bool sensitive)
    {
        var p = ctx.P;
        var fraud = sensitive ? p.FraudProbabilitySensitive : p.FraudProbabilityGeneral;
        return 1 - (1 - fraud) * (1 - p.MentalHarmProbability * (sensitive ? 1.0 : _table.PrivateShare));
    }
}
