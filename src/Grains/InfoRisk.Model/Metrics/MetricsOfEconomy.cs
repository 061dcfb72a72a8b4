using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>Metrics: Service value, firms' accounts and social welfare.</summary>
public static partial class Metric
{
    public static readonly MetricDefinition ServiceValueYuan = Define(63, "service_value_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Value of the service to users: queries x value per query x model quality.",
        "Service value", "服务价值", x => x.Providers.Sum(r => r.ServiceValueFen));

    public static readonly MetricDefinition ProviderRevenueYuan = Define(64, "provider_revenue_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Providers' revenue: queries, deployer licences, secondary use.",
        "Provider revenue", "提供者收入", x => x.Providers.Sum(r => r.RevenueFen));

    public static readonly MetricDefinition ComplianceCostYuan = Define(65, "compliance_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Providers' cost of security, de-identification, risk assessment, output filters, rights requests, unlearning and breach response.",
        "Compliance cost", "合规成本", x => x.Providers.Sum(r => r.ComplianceCostFen));

    public static readonly MetricDefinition LiabilityPaidYuan = Define(66, "liability_paid_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Damages paid by providers (= paid_by_providers_yuan).",
        "Liability paid by providers", "提供者承担的赔偿责任", x => x.Providers.Sum(r => r.LiabilityFen));

    public static readonly MetricDefinition FinesYuan = Define(67, "fines_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Regulators' fines on providers (PIPL art. 66).",
        "Fines", "罚款", x => x.Providers.Sum(r => r.FinesFen));

    public static readonly MetricDefinition ProviderProfitYuan = Define(68, "provider_profit_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Revenue - compliance cost - liability - fines.",
        "Provider profit", "提供者利润", x => x.Providers.Sum(r => r.ProfitFen));

    public static readonly MetricDefinition DeployerCareCostYuan = Define(69, "deployer_care_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Deployers' security upkeep and breach response.",
        "Deployers' care cost", "部署者的注意成本", Tally(TallyField.DeployerCareCostFen));

    public static readonly MetricDefinition ConsumerValueLostYuan = Define(70, "consumer_value_lost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Service value that users who stopped because their provider left would have had today, at today's value per user in the market (at the last such value once no provider is left).",
        "Service value lost to exit", "因退出而损失的服务价值",
        x => (long)Math.Round(x.Tally[TallyField.LapsedByExit] * (x.Users > 0 ? (double)x.Value(ServiceValueYuan) / x.Users : x.LastServiceValuePerUserFen)));

    public static readonly MetricDefinition SocialCostYuan = Define(71, "social_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Care (providers' compliance and deployers' care costs) + harm + litigation cost: the real costs of personal-information risk.",
        "Social cost", "社会成本",
        x => x.Value(ComplianceCostYuan) + x.Value(DeployerCareCostYuan) + x.Value(HarmTotalYuan!) + x.Value(LitigationCostYuan!));

    public static readonly MetricDefinition SocialWelfareYuan = Define(72, "social_welfare_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "service_value_yuan - social_cost_yuan: the one welfare measure; transfers (damages, fines, fees, revenue) cancel.",
        "Social welfare", "社会福利", x => x.Value(ServiceValueYuan) - x.Value(SocialCostYuan));
}
