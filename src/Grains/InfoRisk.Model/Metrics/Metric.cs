using InfoRisk.Model.Actors;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>
/// The metric registry: every output metric of a tick, in column order. Names are a stable contract (docs/outputs.md).
/// Nothing else names a metric: code refers to these definitions, files and charts take their names, units and labels
/// from them, and <see cref="Compose"/> computes a tick's row from them.
/// </summary>
public static class Metric
{
    private static readonly List<MetricDefinition> Registry = [];

    public static readonly MetricDefinition RecordsCollected = Define("records_collected", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records newly taken into providers' and deployers' stores (scraping, prompts kept for training, deployer ingestion).",
        "Records collected", "收集的记录", Tally(TallyField.RecordsCollected));

    public static readonly MetricDefinition SensitiveRecordsCollected = Define("sensitive_records_collected", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Of records_collected, sensitive ones (PIPL art. 28).",
        "Sensitive records collected", "收集的敏感记录", Tally(TallyField.SensitiveRecordsCollected));

    public static readonly MetricDefinition InformedConsentRecords = Define("informed_consent_records", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records collected under a consent that was informed (the subject understood the notice).",
        "Records under informed consent", "知情同意下收集的记录", Tally(TallyField.InformedConsentRecords));

    public static readonly MetricDefinition ConsentedRecords = Define("consented_records", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records collected under any consent, informed or not; the gap to informed_consent_records is hollowed-out consent.",
        "Records under consent", "经同意收集的记录", Tally(TallyField.ConsentedRecords));

    public static readonly MetricDefinition PrivacyIntrusions = Define("privacy_intrusions", MetricKind.Count, MetricNature.Flow, "items/tick",
        "Private-marked items (Civil Code art. 1032) and sensitive items taken without the subject's consent.",
        "Privacy intrusions", "隐私侵扰", Tally(TallyField.PrivacyIntrusions));

    public static readonly MetricDefinition RecordsHeld = Define("records_held", MetricKind.Count, MetricNature.Stock, "records",
        "Records held by providers and deployers at the end of the tick.",
        "Records held", "持有记录", Tally(TallyField.RecordsHeld));

    public static readonly MetricDefinition SensitiveRecordsHeld = Define("sensitive_records_held", MetricKind.Count, MetricNature.Stock, "records",
        "Of records_held, sensitive ones.",
        "Sensitive records held", "持有的敏感记录", Tally(TallyField.SensitiveRecordsHeld));

    public static readonly MetricDefinition RecordsMemorized = Define("records_memorized", MetricKind.Count, MetricNature.Stock, "records",
        "Records memorised by providers' trained models (deleted records stay until retraining).",
        "Records memorised", "被模型记忆的记录", Tally(TallyField.RecordsMemorized));

    public static readonly MetricDefinition ActiveUsers = Define("active_users", MetricKind.Count, MetricNature.Stock, "users",
        "Users who used a service this tick.",
        "Active users", "活跃用户", x => x.ActiveUsers);

    public static readonly MetricDefinition ModelQuality = Define("model_quality", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean model quality over providers, 1 - exp(-(pretraining + training records) / scale).",
        "Model quality", "模型质量", x => MeanOverProviders(x, r => r.Quality));

    public static readonly MetricDefinition UserTrust = Define("user_trust", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean user trust over providers.",
        "User trust", "用户信任", x => MeanOverProviders(x, r => r.Trust));

    public static readonly MetricDefinition MeanReidRisk = Define("mean_reid_risk", MetricKind.Ratio, MetricNature.Stock, "probability",
        "Mean re-identification (prosecutor) risk 1/k over records held by providers; 1 for identified records.",
        "Mean re-identification risk", "平均再识别风险", x => x.Tally[TallyField.ProviderRecordsHeld] is var held and > 0 ? (x.Tally[TallyField.RiskMicros] + held / 2) / held : 0);

    public static readonly MetricDefinition SubjectsInferable = Define("subjects_inferable", MetricKind.Count, MetricNature.Stock, "subjects",
        "Subjects with a private trait inferable from aggregated records at some provider (mosaic effect).",
        "Subjects with an inferable private trait", "可推断出私密特征的主体", Tally(TallyField.SubjectsInferable));

    public static readonly MetricDefinition Queries = Define("queries", MetricKind.Count, MetricNature.Flow, "queries/tick",
        "Prompts sent to providers.",
        "Queries", "查询次数", x => x.Queries.Sum());

    public static readonly MetricDefinition RegurgitationIncidents = Define("regurgitation_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "Outputs that emitted a subject's memorised personal information.",
        "Regurgitation incidents", "记忆内容复现事件", Tally(TallyField.RegurgitationIncidents));

    public static readonly MetricDefinition FalseInfoIncidents = Define("false_info_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "False statements about real persons: hallucinations plus malicious users' fakes.",
        "False-information incidents", "虚假信息事件", Tally(TallyField.FalseInfoIncidents));

    public static readonly MetricDefinition FakeContentIncidents = Define("fake_content_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "Of false_info_incidents, deliberate fakes by malicious users.",
        "Fake-content incidents", "伪造内容事件", Tally(TallyField.FakeIncidents));

    public static readonly MetricDefinition DiscriminatoryDecisions = Define("discriminatory_decisions", MetricKind.Count, MetricNature.Flow, "decisions/tick",
        "Adverse automated decisions on protected subjects that a fair model would have approved (including those later corrected).",
        "Discriminatory decisions", "歧视性决策", Tally(TallyField.DiscriminatoryDecisions));

    public static readonly MetricDefinition DisparateImpactRatio = Define("disparate_impact_ratio", MetricKind.Ratio, MetricNature.Stock, "ratio",
        "Approval rate of the protected group / approval rate of others, over the last epoch's decisions (after corrections); 1 is parity.",
        "Disparate-impact ratio", "差别影响比", x => x.DisparateImpact);

    public static readonly MetricDefinition SecondaryUseViolations = Define("secondary_use_violations", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Held records reused for purposes the regime does not allow.",
        "Secondary-use violations", "超目的使用违规", x => x.Providers.Sum(r => r.SecondaryUseViolations));

    public static readonly MetricDefinition Breaches = Define("breaches", MetricKind.Count, MetricNature.Flow, "breaches/tick",
        "Breaches of providers and deployers.",
        "Breaches", "数据泄露事件", x => x.Providers.Count(r => r.Breached) + x.Deployers.Count(r => r.Breached));

    public static readonly MetricDefinition RecordsExposed = Define("records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records exposed by breaches.",
        "Records exposed", "泄露的记录", Tally(TallyField.RecordsExposed));

    public static readonly MetricDefinition SensitiveRecordsExposed = Define("sensitive_records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Of records_exposed, sensitive ones.",
        "Sensitive records exposed", "泄露的敏感记录", Tally(TallyField.SensitiveRecordsExposed));

    public static readonly MetricDefinition SubjectsExposed = Define("subjects_exposed", MetricKind.Count, MetricNature.Flow, "subjects/tick",
        "Subjects with at least one record exposed this tick.",
        "Subjects exposed", "信息被泄露的主体", Tally(TallyField.SubjectsExposed));

    public static readonly MetricDefinition SubjectsReidentified = Define("subjects_reidentified", MetricKind.Count, MetricNature.Flow, "subjects/tick",
        "Exposed subjects whose records were linked back to them.",
        "Subjects re-identified", "被再识别主体", Tally(TallyField.SubjectsReidentified));

    public static readonly MetricDefinition HarmPropertyYuan = Define("harm_property_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Property loss suffered this tick.",
        "Property harm", "财产损害", Tally(TallyField.HarmPropertyFen));

    public static readonly MetricDefinition HarmMentalYuan = Define("harm_mental_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Mental harm suffered this tick, valued in yuan.",
        "Mental harm", "精神损害", Tally(TallyField.HarmMentalFen));

    public static readonly MetricDefinition HarmTotalYuan = Define("harm_total_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "harm_property_yuan + harm_mental_yuan.",
        "Total harm", "总损害", x => x.Tally[TallyField.HarmPropertyFen] + x.Tally[TallyField.HarmMentalFen]);

    public static readonly MetricDefinition HarmIntrusionYuan = Define("harm_intrusion_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from privacy intrusions.",
        "Harm from privacy intrusions", "隐私侵扰造成的损害", Tally(TallyField.HarmIntrusionFen));

    public static readonly MetricDefinition HarmBreachYuan = Define("harm_breach_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from breaches.",
        "Harm from breaches", "数据泄露造成的损害", Tally(TallyField.HarmBreachFen));

    public static readonly MetricDefinition HarmRegurgitationYuan = Define("harm_regurgitation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from regurgitated memorised information.",
        "Harm from regurgitation", "记忆内容复现造成的损害", Tally(TallyField.HarmRegurgitationFen));

    public static readonly MetricDefinition HarmFalseInfoYuan = Define("harm_false_info_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from false information (hallucinations and fakes).",
        "Harm from false information", "虚假信息造成的损害", Tally(TallyField.HarmFalseInfoFen));

    public static readonly MetricDefinition HarmDiscriminationYuan = Define("harm_discrimination_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from discriminatory automated decisions.",
        "Harm from discrimination", "歧视造成的损害", Tally(TallyField.HarmDiscriminationFen));

    public static readonly MetricDefinition DeletionRequests = Define("deletion_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Deletion requests (PIPL art. 47).",
        "Deletion requests", "删除请求", Tally(TallyField.DeletionRequests));

    public static readonly MetricDefinition DeletionsServed = Define("deletions_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Deletion requests carried out.",
        "Deletions served", "已执行的删除", Tally(TallyField.DeletionsServed));

    public static readonly MetricDefinition RestrictionRequests = Define("restriction_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Requests to restrict processing.",
        "Restriction requests", "限制处理请求", Tally(TallyField.RestrictionRequests));

    public static readonly MetricDefinition RestrictionsServed = Define("restrictions_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Restriction requests granted and carried out.",
        "Restrictions served", "已执行的限制处理", Tally(TallyField.RestrictionsServed));

    public static readonly MetricDefinition ExplanationRequests = Define("explanation_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Requests for an explanation of an adverse automated decision (PIPL art. 24).",
        "Explanation requests", "解释说明请求", Tally(TallyField.ExplanationRequests));

    public static readonly MetricDefinition ExplanationsServed = Define("explanations_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Explanation requests answered.",
        "Explanations served", "已提供的解释说明", Tally(TallyField.ExplanationsServed));

    public static readonly MetricDefinition ClaimsFiled = Define("claims_filed", MetricKind.Count, MetricNature.Flow, "claims/tick",
        "Lawsuits filed by harmed subjects.",
        "Claims filed", "提起的诉讼", Tally(TallyField.ClaimsFiled));

    public static readonly MetricDefinition ClaimsWon = Define("claims_won", MetricKind.Count, MetricNature.Flow, "claims/tick",
        "Lawsuits won.",
        "Claims won", "胜诉的诉讼", Tally(TallyField.ClaimsWon));

    public static readonly MetricDefinition CompensationYuan = Define("compensation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Compensatory damages collected (property and mental).",
        "Compensation", "赔偿", Tally(TallyField.CompensationFen));

    public static readonly MetricDefinition PunitiveYuan = Define("punitive_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Punitive damages collected.",
        "Punitive damages", "惩罚性赔偿", Tally(TallyField.PunitiveFen));

    public static readonly MetricDefinition UncompensatedHarmYuan = Define("uncompensated_harm_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "harm_total_yuan - compensation_yuan: harm borne by subjects.",
        "Uncompensated harm", "未获赔损害", Tally(TallyField.UncompensatedFen));

    public static readonly MetricDefinition PaidByProvidersYuan = Define("paid_by_providers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards (compensatory + punitive) paid by providers.",
        "Awards paid by providers", "提供者支付的赔偿", Tally(TallyField.PaidByProvidersFen));

    public static readonly MetricDefinition PaidByDeployersYuan = Define("paid_by_deployers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards paid by deployers.",
        "Awards paid by deployers", "部署者支付的赔偿", Tally(TallyField.PaidByDeployersFen));

    public static readonly MetricDefinition PaidByUsersYuan = Define("paid_by_users_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards paid by (malicious) users.",
        "Awards paid by users", "用户支付的赔偿", Tally(TallyField.PaidByUsersFen));

    public static readonly MetricDefinition ServiceValueYuan = Define("service_value_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Value of the service to users: queries x value per query x model quality.",
        "Service value", "服务价值", x => x.Providers.Sum(r => r.ServiceValueFen));

    public static readonly MetricDefinition ProviderRevenueYuan = Define("provider_revenue_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Providers' revenue: queries, deployer licences, secondary use.",
        "Provider revenue", "提供者收入", x => x.Providers.Sum(r => r.RevenueFen));

    public static readonly MetricDefinition ComplianceCostYuan = Define("compliance_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Providers' cost of security, de-identification, risk assessment, output filters, rights requests, unlearning and breach response.",
        "Compliance cost", "合规成本", x => x.Providers.Sum(r => r.ComplianceCostFen));

    public static readonly MetricDefinition LiabilityPaidYuan = Define("liability_paid_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Damages paid by providers (= paid_by_providers_yuan).",
        "Liability paid by providers", "提供者承担的赔偿责任", x => x.Providers.Sum(r => r.LiabilityFen));

    public static readonly MetricDefinition FinesYuan = Define("fines_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Regulators' fines on providers (PIPL art. 66).",
        "Fines", "罚款", x => x.Providers.Sum(r => r.FinesFen));

    public static readonly MetricDefinition ProviderProfitYuan = Define("provider_profit_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Revenue - compliance cost - liability - fines.",
        "Provider profit", "提供者利润", x => x.Providers.Sum(r => r.ProfitFen));

    public static readonly MetricDefinition WelfareYuan = Define("welfare_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "service_value_yuan + provider_profit_yuan - harm_total_yuan.",
        "Welfare incl. transfers", "含转移支付的福利", x => x.Value(ServiceValueYuan) + x.Value(ProviderProfitYuan) - x.Value(HarmTotalYuan));

    public static readonly MetricDefinition MeanSecurity = Define("mean_security", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean security level of providers (adapted each epoch).",
        "Mean security", "平均安全水平", x => MeanOverProviders(x, r => r.Security));

    public static readonly MetricDefinition MeanDeidentification = Define("mean_deidentification", MetricKind.Ratio, MetricNature.Stock, "0..2",
        "Mean de-identification practice of providers: 0 none, 1 pseudonymised, 2 anonymised.",
        "Mean de-identification", "平均去标识化程度", x => MeanOverProviders(x, r => r.Deidentification));

    public static readonly MetricDefinition MeanDeployerBias = Define("mean_deployer_bias", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean relative approval penalty that deployers' models impose on the protected group.",
        "Mean deployer bias", "部署者平均偏差", x => TickRow.Ratio(x.Deployers.Length == 0 ? 0 : x.Deployers.Average(r => r.Bias)));

    public static readonly MetricDefinition SocialWelfareYuan = Define("social_welfare_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "service_value_yuan - compliance_cost_yuan - harm_total_yuan: welfare with transfers (damages, fines, fees) netted out.",
        "Social welfare", "社会福利", x => x.Value(ServiceValueYuan) - x.Value(ComplianceCostYuan) - x.Value(HarmTotalYuan));

    /// <summary>Every metric, in column order.</summary>
    public static readonly MetricDefinition[] All = [.. Registry];

    public static int Count => All.Length;

    public static int IndexOf(string name) => Array.FindIndex(All, m => m.Name == name);

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>A tick's metric row (raw values), computed in column order.</summary>
    public static long[] Compose(TickInputs inputs)
    {
        foreach (var m in All) inputs.Values[m.Index] = m.Compute(inputs);
        return inputs.Values;
    }

    private static MetricDefinition Define(string name, MetricKind kind, MetricNature nature, string unit, string meaning, string labelEn, string labelZh, Func<TickInputs, long> compute)
    {
        var metric = new MetricDefinition(Registry.Count, name, kind, nature, unit, meaning, labelEn, labelZh, compute);
        Registry.Add(metric);
        return metric;
    }

    private static Func<TickInputs, long> Tally(TallyField field) => x => x.Tally[field];

    private static long MeanOverProviders(TickInputs x, Func<ProviderTickReport, double> level) =>
        TickRow.Ratio(x.Providers.Length == 0 ? 0 : x.Providers.Average(level));
}
