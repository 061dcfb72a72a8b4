using System.Text.Json.Serialization;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.World;

namespace InfoRisk.Model;

public sealed partial record ModelParameters
{
    [JsonPropertyName("deployer_licence_fee_yuan_customer_day")]
    [Parameter(38, 0, 1e12, Unit = "yuan/customer/day", Meaning = "Licence fee a deployer pays its base-model provider, per customer it serves and day (API fees grow with use)", Source = "assumption: about 1.5 yuan a month per customer served through the base model")]
    public double DeployerLicenceFeeYuanCustomerDay { get; init; } = 0.05;

    [JsonPropertyName("revenue_per_query_yuan")]
    [Parameter(93, 0, 1e12, Unit = "yuan/query", Meaning = "Provider revenue per query at model quality 1 (revenue scales with the quality users get)", Source = "assumption: about 6 yuan a month from an active user")]
    public double RevenuePerQueryYuan { get; init; } = 0.05;

    [JsonPropertyName("service_value_per_query_yuan")]
    [Parameter(94, 0, 1e12, Unit = "yuan/query", Meaning = "Value of an answer to its user at model quality 1", Source = "assumption: a useful answer is worth far more than its price")]
    public double ServiceValuePerQueryYuan { get; init; } = 1.0;
}

/// <summary>
/// Provider revenue and service value (docs/model.md §3.22). Paper 三(二)2: 「而非阻止生成式人工智能进入市场」 (rather
/// than keep GAI out of the market): the utility of the service counts. Service value is queries × value per query × the
/// quality users get; the provider captures a fixed share of it as revenue (queries × price per query at quality 1 ×
/// quality: better answers earn more, through paid tiers and usage), plus deployers' licences (per customer served, so that every amount scales with the market) and secondary use
/// (<see cref="SecondaryUse"/>).
/// </summary>
public static class ProviderAccounts
{
    /// <summary>Revenue from queries (priced in proportion to the quality users get) and from licences to deployers (per customer they serve).</summary>
    public static long RevenueFen(ModelParameters p, long queries, double effectiveQuality, long licensedCustomers) =>
        Money.ToFen(queries * p.RevenuePerQueryYuan * effectiveQuality) + Money.ToFen(licensedCustomers * p.DeployerLicenceFeeYuanCustomerDay);

    /// <summary>What the answers are worth to users: queries × value per query × the quality they get (after the filter).</summary>
    public static long ServiceValueFen(ModelParameters p, long queries, double effectiveQuality) =>
        Money.ToFen(queries * p.ServiceValuePerQueryYuan * effectiveQuality);
}
