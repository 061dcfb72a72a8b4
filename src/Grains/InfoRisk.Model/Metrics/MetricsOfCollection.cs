using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>Metrics: Collection and stocks: what providers and deployers take in and hold, and the state of the market.</summary>
public static partial class Metric
{
    public static readonly MetricDefinition RecordsCollected = Define(0, "records_collected", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records newly taken into providers' and deployers' stores (scraping, prompts kept for training, deployer ingestion).",
        "Records collected", "收集的记录", Tally(TallyField.RecordsCollected));

    public static readonly MetricDefinition SensitiveRecordsCollected = Define(1, "sensitive_records_collected", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Of records_collected, sensitive ones (PIPL art. 28).",
        "Sensitive records collected", "收集的敏感记录", Tally(TallyField.SensitiveRecordsCollected));

    public static readonly MetricDefinition InformedConsentRecords = Define(2, "informed_consent_records", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records collected under a consent that was informed (the subject understood the notice).",
        "Records under informed consent", "知情同意下收集的记录", Tally(TallyField.InformedConsentRecords));

    public static readonly MetricDefinition ConsentedRecords = Define(3, "consented_records", MetricKind.Count, MetricNature.Flow, "records/tick",
        "Records collected under any consent, informed or not; the gap to informed_consent_records is hollowed-out consent.",
        "Records under consent", "经同意收集的记录", Tally(TallyField.ConsentedRecords));

    public static readonly MetricDefinition PrivacyIntrusions = Define(4, "privacy_intrusions", MetricKind.Count, MetricNature.Flow, "items/tick",
        "Private-marked items (Civil Code art. 1032) and sensitive items taken without the subject's consent.",
        "Privacy intrusions", "隐私侵扰", Tally(TallyField.PrivacyIntrusions));

    public static readonly MetricDefinition RecordsHeld = Define(5, "records_held", MetricKind.Count, MetricNature.Stock, "records",
        "Records held by providers and deployers at the end of the tick.",
        "Records held", "持有记录", Tally(TallyField.RecordsHeld));

    public static readonly MetricDefinition SensitiveRecordsHeld = Define(6, "sensitive_records_held", MetricKind.Count, MetricNature.Stock, "records",
        "Of records_held, sensitive ones.",
        "Sensitive records held", "持有的敏感记录", Tally(TallyField.SensitiveRecordsHeld));

    public static readonly MetricDefinition RecordsMemorized = Define(7, "records_memorized", MetricKind.Count, MetricNature.Stock, "records",
        "Records memorised by providers' trained models (deleted records stay until retraining).",
        "Records memorised", "被模型记忆的记录", Tally(TallyField.RecordsMemorized));

    public static readonly MetricDefinition ActiveUsers = Define(8, "active_users", MetricKind.Count, MetricNature.Stock, "users",
        "Users who used a service this tick.",
        "Active users", "活跃用户", x => x.ActiveUsers);

    public static readonly MetricDefinition ModelQuality = Define(9, "model_quality", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean model quality over providers, 1 - exp(-(pretraining + training records) / scale).",
        "Model quality", "模型质量", x => MeanOverProviders(x, r => r.Quality));

    public static readonly MetricDefinition UserTrust = Define(10, "user_trust", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean user trust over providers.",
        "User trust", "用户信任", x => MeanOverProviders(x, r => r.Trust));

    public static readonly MetricDefinition MeanReidRisk = Define(11, "mean_reid_risk", MetricKind.Ratio, MetricNature.Stock, "probability",
        "Mean re-identification (prosecutor) risk 1/k over records held by providers; 1 for identified records.",
        "Mean re-identification risk", "平均再识别风险", x => x.Tally[TallyField.ProviderRecordsHeld] is var held and > 0 ? (x.Tally[TallyField.RiskMicros] + held / 2) / held : 0);

    public static readonly MetricDefinition SubjectsInferable = Define(12, "subjects_inferable", MetricKind.Count, MetricNature.Stock, "subjects",
        "Subjects with a private trait inferable from aggregated records at some provider (mosaic effect).",
        "Subjects with an inferable private trait", "可推断出私密特征的主体", Tally(TallyField.SubjectsInferable));

    public static readonly MetricDefinition Queries = Define(13, "queries", MetricKind.Count, MetricNature.Flow, "queries/tick",
        "Prompts sent to providers.",
        "Queries", "查询次数", x => x.Queries.Sum());
}
