using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>Metrics: Rights, claims, damages and who paid.</summary>
public static partial class Metric
{
    public static readonly MetricDefinition DeletionRequests = Define(35, "deletion_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Deletion requests (PIPL art. 47).",
        "Deletion requests", "删除请求", Tally(TallyField.DeletionRequests));

    public static readonly MetricDefinition DeletionsServed = Define(36, "deletions_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Deletion requests carried out.",
        "Deletions served", "已执行的删除", Tally(TallyField.DeletionsServed));

    public static readonly MetricDefinition RestrictionRequests = Define(37, "restriction_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Requests to restrict processing.",
        "Restriction requests", "限制处理请求", Tally(TallyField.RestrictionRequests));

    public static readonly MetricDefinition RestrictionsServed = Define(38, "restrictions_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Restriction requests granted and carried out.",
        "Restrictions served", "已执行的限制处理", Tally(TallyField.RestrictionsServed));

    public static readonly MetricDefinition ExplanationRequests = Define(39, "explanation_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Requests for an explanation of an adverse automated decision (PIPL art. 24).",
        "Explanation requests", "解释说明请求", Tally(TallyField.ExplanationRequests));

    public static readonly MetricDefinition ExplanationsServed = Define(40, "explanations_served", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Explanation requests answered.",
        "Explanations served", "已提供的解释说明", Tally(TallyField.ExplanationsServed));

    public static readonly MetricDefinition AccessRequests = Define(41, "access_requests", MetricKind.Count, MetricNature.Flow, "requests/tick",
        "Requests for access to (a copy of) one's data at a provider (PIPL art. 45), each served at once.",
        "Access requests", "查阅复制请求", Tally(TallyField.AccessRequests));

    public static readonly MetricDefinition ClaimsFiled = Define(42, "claims_filed", MetricKind.Count, MetricNature.Flow, "claims/tick",
        "Lawsuits filed by harmed subjects.",
        "Claims filed", "提起的诉讼", Tally(TallyField.ClaimsFiled));

    public static readonly MetricDefinition ClaimsWon = Define(43, "claims_won", MetricKind.Count, MetricNature.Flow, "claims/tick",
        "Lawsuits won.",
        "Claims won", "胜诉的诉讼", Tally(TallyField.ClaimsWon));

    public static readonly MetricDefinition CompensationYuan = Define(44, "compensation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Compensatory damages collected (property and mental).",
        "Compensation", "赔偿", Tally(TallyField.CompensationFen));

    public static readonly MetricDefinition PunitiveYuan = Define(45, "punitive_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Punitive damages collected.",
        "Punitive damages", "惩罚性赔偿", Tally(TallyField.PunitiveFen));

    public static readonly MetricDefinition UncompensatedHarmYuan = Define(46, "uncompensated_harm_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Harm borne by subjects: the harm of claims resolved this tick (not sued for: when suffered; sued for: at the judgment) less the compensation awarded. Over a run, harm_total_yuan = compensation_yuan + uncompensated_harm_yuan + the final claims_pending_yuan.",
        "Uncompensated harm", "未获赔损害", Tally(TallyField.UncompensatedFen));

    public static readonly MetricDefinition PaidByProvidersYuan = Define(47, "paid_by_providers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards (compensatory + punitive) paid by providers.",
        "Awards paid by providers", "提供者支付的赔偿", Tally(TallyField.PaidByProvidersFen));

    public static readonly MetricDefinition PaidByDeployersYuan = Define(48, "paid_by_deployers_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards paid by deployers.",
        "Awards paid by deployers", "部署者支付的赔偿", Tally(TallyField.PaidByDeployersFen));

    public static readonly MetricDefinition PaidByUsersYuan = Define(49, "paid_by_users_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards paid by (malicious) users.",
        "Awards paid by users", "用户支付的赔偿", Tally(TallyField.PaidByUsersFen));

    public static readonly MetricDefinition LiabilityBreachYuan = Define(50, "liability_breach_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from breaches (all payers); the five liability_<source> columns sum to the awards collected.",
        "Awards for breaches", "数据泄露的赔偿", Tally(TallyField.LiabilityBreachFen));

    public static readonly MetricDefinition LiabilityRegurgitationYuan = Define(51, "liability_regurgitation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from regurgitated memorised information.",
        "Awards for regurgitation", "记忆内容复现的赔偿", Tally(TallyField.LiabilityRegurgitationFen));

    public static readonly MetricDefinition LiabilityFalseInfoYuan = Define(52, "liability_false_info_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from false information (hallucinations and fakes).",
        "Awards for false information", "虚假信息的赔偿", Tally(TallyField.LiabilityFalseInfoFen));

    public static readonly MetricDefinition LiabilityIntrusionYuan = Define(53, "liability_intrusion_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from privacy intrusions.",
        "Awards for intrusions", "隐私侵扰的赔偿", Tally(TallyField.LiabilityIntrusionFen));

    public static readonly MetricDefinition LiabilityDiscriminationYuan = Define(54, "liability_discrimination_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from discriminatory automated decisions.",
        "Awards for discrimination", "歧视的赔偿", Tally(TallyField.LiabilityDiscriminationFen));

    public static readonly MetricDefinition LiabilitySecondaryUseYuan = Define(55, "liability_secondary_use_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected for harms from unlawful secondary use.",
        "Awards for unlawful secondary use", "违法二次利用的赔偿", Tally(TallyField.LiabilitySecondaryUseFen));

    public static readonly MetricDefinition LiabilityFaultYuan = Define(56, "liability_fault_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected under the fault rule; the three liability_<rule> columns sum to the awards collected.",
        "Awards under fault liability", "过错责任下的赔偿", Tally(TallyField.LiabilityFaultFen));

    public static readonly MetricDefinition LiabilityPresumedFaultYuan = Define(57, "liability_presumed_fault_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected under presumed fault.",
        "Awards under presumed fault", "过错推定下的赔偿", Tally(TallyField.LiabilityPresumedFaultFen));

    public static readonly MetricDefinition LiabilityNoFaultYuan = Define(58, "liability_no_fault_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Awards collected under no-fault (strict) liability.",
        "Awards under no-fault liability", "无过错责任下的赔偿", Tally(TallyField.LiabilityNoFaultFen));

    public static readonly MetricDefinition ClaimsPending = Define(59, "claims_pending", MetricKind.Count, MetricNature.Stock, "claims",
        "Claims filed and not yet judged at the end of the tick (the court's queue; court_delay_days from filing to judgment).",
        "Claims pending", "待判决的诉讼", Tally(TallyField.ClaimsPending));

    public static readonly MetricDefinition ClaimsPendingYuan = Define(60, "claims_pending_yuan", MetricKind.Yuan, MetricNature.Stock, "yuan",
        "The harm of the claims pending at the end of the tick: neither compensated nor counted as uncompensated yet.",
        "Harm awaiting judgment", "待判决诉讼的损害", Tally(TallyField.ClaimsPendingFen));

    public static readonly MetricDefinition EnforcementRate = Define(61, "enforcement_rate", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the harms suffered since the start of the run that ended in an award (claims won / harm events): the enforcement gap's complement.",
        "Enforcement rate", "执行率（获赔比例）", x => x.CumulativeHarmEvents > 0 ? TickRow.Ratio((double)x.CumulativeClaimsWon / x.CumulativeHarmEvents) : 0);

    public static readonly MetricDefinition LitigationCostYuan = Define(62, "litigation_cost_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Claimants' cost of the claims filed (claims_filed x litigation_cost_yuan): a real cost, not a transfer.",
        "Litigation cost", "诉讼成本", x => x.Tally[TallyField.ClaimsFiled] * x.LitigationCostFen);
}
