using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("deployer_licence_fee_yuan_day")]
    [Parameter(39, 0, 1e12, Unit = "yuan/day", Meaning = "Licence fee a deployer pays its base-model provider a day", Source = "assumption")]
    public double DeployerLicenceFeeYuanDay { get; init; } = 50.0;

    [JsonPropertyName("revenue_per_query_yuan")]
    [Parameter(94, 0, 1e12, Unit = "yuan/query", Meaning = "Provider revenue per query", Source = "assumption: about 6 yuan a month from an active user")]
    public double RevenuePerQueryYuan { get; init; } = 0.05;

    [JsonPropertyName("service_value_per_query_yuan")]
    [Parameter(95, 0, 1e12, Unit = "yuan/query", Meaning = "Value of an answer to its user at model quality 1", Source = "assumption: a useful answer is worth far more than its price")]
    public double ServiceValuePerQueryYuan { get; init; } = 1.0;
}

/// <summary>
/// Provider revenue and service value (docs/model.md §3.22). Paper 三(二)2: 「而非阻止生成式人工智能进入市场」 (rather
/// than keep GAI out of the market): the utility of the service counts. Revenue is queries × price plus deployers'
/// licences (and secondary use, <see cref="SecondaryUse"/>); service value is queries × value per query × quality.
/// </summary>
public static class ProviderAccounts
{
    public static long RevenueFen(ModelParameters p, long queries, int licensedDeployers) =>
        Money.ToFen(queries * p.RevenuePerQueryYuan) + Money.ToFen(licensedDeployers * p.DeployerLicenceFeeYuanDay);

    /// <summary>What the answers are worth to users: queries × value per query × the quality they get (after the filter).</summary>
    public static long ServiceValueFen(ModelParameters p, long queries, double effectiveQuality) =>
        Money.ToFen(queries * p.ServiceValuePerQueryYuan * effectiveQuality);
}
