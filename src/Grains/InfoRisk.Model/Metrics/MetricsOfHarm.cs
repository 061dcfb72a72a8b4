using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>Metrics: Incidents, breaches and harm.</summary>
public static partial class Metric
{
    public static readonly MetricDefinition RegurgitationIncidents = Define(14, "regurgitation_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "Outputs that emitted a subject's memorised personal information.",
        "Regurgitation incidents", "记忆内容复现事件", Tally(TallyField.RegurgitationIncidents));

    public static readonly MetricDefinition FalseInfoIncidents = Define(15, "false_info_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "False statements about real persons: hallucinations plus malicious users' fakes.",
        "False-information incidents", "虚假信息事件", Tally(TallyField.FalseInfoIncidents));

    public static readonly MetricDefinition FakeContentIncidents = Define(16, "fake_content_incidents", MetricKind.Count, MetricNature.Flow, "incidents/tick",
        "Of false_info_incidents, deliberate fakes by malicious users.",
        "Fake-content incidents", "伪造内容事件", Tally(TallyField.FakeIncidents));

    public static readonly MetricDefinition DiscriminatoryDecisions = Define(17, "discriminatory_decisions", MetricKind.Count, MetricNature.Flow, "decisions/tick",
        "Adverse automated decisions on protected subjects that a fair model would have approved (including those later corrected).",
        "Discriminatory decisions", "歧视性决策", Tally(TallyField.DiscriminatoryDecisions));

    public static readonly MetricDefinition DisparateImpactRatio = Define(18, "disparate_impact_ratio", MetricKind.Ratio, MetricNature.Stock, "ratio",
        "Approval rate of the protected group / approval rate of others, over the last epoch's decisions (after corrections); 1 is parity.",
        "Disparate-impact ratio", "差别影响比", x => x.DisparateImpact);

    public static readonly MetricDefinition SecondaryUseViolations = Define(19, "secondary_use_violations", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Held records reused for purposes the regime does not allow.",
        "Secondary-use violations", "超目的使用违规", x => x.Providers.Sum(r => r.SecondaryUseViolations));

    public static readonly MetricDefinition Breaches = Define(20, "breaches", MetricKind.Count, MetricNature.Flow, "breaches/tick",
        "Breaches of providers and deployers.",
        "Breaches", "数据泄露事件", x => x.Providers.Count(r => r.Breached) + x.Deployers.Count(r => r.Breached));

    public static readonly MetricDefinition RecordsExposed = Define(21, "records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records exposed by breaches.",
        "Records exposed", "泄露的记录", Tally(TallyField.RecordsExposed));

    public static readonly MetricDefinition SensitiveRecordsExposed = Define(22, "sensitive_records_exposed", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Of records_exposed, sensitive ones.",
        "Sensitive records exposed", "泄露的敏感记录", Tally(TallyField.SensitiveRecordsExposed));

    public static readonly MetricDefinition SubjectsExposed = Define(23, "subjects_exposed", MetricKind.Count, MetricNature.Flow, "subjects/tick",
        "Subjects with at least one record exposed this tick.",
        "Subjects exposed", "信息被泄露的主体", Tally(TallyField.SubjectsExposed));

    public static readonly MetricDefinition SubjectsReidentified = Define(24, "subjects_reidentified", MetricKind.Count, MetricNature.Flow, "subjects/tick",
        "Exposed subjects whose records were linked back to them.",
        "Subjects re-identified", "被再识别主体", Tally(TallyField.SubjectsReidentified));

    public static readonly MetricDefinition HarmPropertyYuan = Define(25, "harm_property_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Property loss suffered this tick.",
        "Property harm", "财产损害", Tally(TallyField.HarmPropertyFen));

    public static readonly MetricDefinition HarmMentalYuan = Define(26, "harm_mental_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Mental harm suffered this tick, valued in yuan.",
        "Mental harm", "精神损害", Tally(TallyField.HarmMentalFen));

    public static readonly MetricDefinition HarmTotalYuan = Define(27, "harm_total_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "harm_property_yuan + harm_mental_yuan.",
        "Total harm", "总损害", x => x.Tally[TallyField.HarmPropertyFen] + x.Tally[TallyField.HarmMentalFen]);

    public static readonly MetricDefinition HarmIntrusionYuan = Define(28, "harm_intrusion_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from privacy intrusions.",
        "Harm from privacy intrusions", "隐私侵扰造成的损害", Tally(TallyField.HarmIntrusionFen));

    public static readonly MetricDefinition HarmBreachYuan = Define(29, "harm_breach_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from breaches.",
        "Harm from breaches", "数据泄露造成的损害", Tally(TallyField.HarmBreachFen));

    public static readonly MetricDefinition HarmRegurgitationYuan = Define(30, "harm_regurgitation_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from regurgitated memorised information.",
        "Harm from regurgitation", "记忆内容复现造成的损害", Tally(TallyField.HarmRegurgitationFen));

    public static readonly MetricDefinition HarmFalseInfoYuan = Define(31, "harm_false_info_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from false information (hallucinations and fakes).",
        "Harm from false information", "虚假信息造成的损害", Tally(TallyField.HarmFalseInfoFen));

    public static readonly MetricDefinition HarmDiscriminationYuan = Define(32, "harm_discrimination_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from discriminatory automated decisions.",
        "Harm from discrimination", "歧视造成的损害", Tally(TallyField.HarmDiscriminationFen));

    public static readonly MetricDefinition HarmSecondaryUseYuan = Define(33, "harm_secondary_use_yuan", MetricKind.Yuan, MetricNature.Flow, "yuan/tick",
        "Of harm_total_yuan, from records reused beyond the purpose of collection without a lawful basis.",
        "Harm from unlawful secondary use", "违法二次利用造成的损害", Tally(TallyField.HarmSecondaryUseFen));

    public static readonly MetricDefinition HarmEvents = Define(34, "harm_events", MetricKind.Count, MetricNature.Flow, "events/tick",
        "Harms suffered this tick (events with a loss), of every source.",
        "Harm events", "损害事件", Tally(TallyField.HarmEvents));
}
