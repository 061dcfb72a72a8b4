using InfoRisk.Model.Actors;
using InfoRisk.Model.World;

namespace InfoRisk.Model.Metrics;

/// <summary>Metrics: firms' conduct (means over the providers in the market) and the market.</summary>
public static partial class Metric
{
    public static readonly MetricDefinition MeanSecurity = Define(73, "mean_security", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean security level of the providers in the market (their care against breaches).",
        "Mean security", "平均安全水平", x => MeanOfActive(x, v => v.Security));

    public static readonly MetricDefinition MeanDeidentification = Define(74, "mean_deidentification", MetricKind.Ratio, MetricNature.Stock, "0..2",
        "Mean de-identification practice of the providers in the market: 0 none, 1 pseudonymised, 2 anonymised.",
        "Mean de-identification", "平均去标识化程度", x => MeanOfActive(x, v => v.Deidentification));

    public static readonly MetricDefinition MeanOutputFilter = Define(75, "mean_output_filter", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean output-filter strength of the providers in the market (their care against regurgitation and hallucination).",
        "Mean output filter", "平均输出过滤强度", x => MeanOfActive(x, v => v.OutputFilter));

    public static readonly MetricDefinition ShareSeparateIdentifiers = Define(76, "share_separate_identifiers", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the providers in the market that store identifiers apart from pseudonymised records.",
        "Identifiers stored apart", "标识符分离存储的比例", x => MeanOfActive(x, v => v.SeparateIdentifiers ? 1 : 0));

    public static readonly MetricDefinition MeanRiskGrade = Define(77, "mean_risk_grade", MetricKind.Ratio, MetricNature.Stock, "0..3",
        "Mean risk grade of the providers in the market under ex-ante risk assessment: 0 none, 2 under uniform assessment, 1-3 by the people whose data they hold under graded assessment.",
        "Mean risk grade", "平均风险等级", x => MeanOfActive(x, v => v.RiskGrade));

    public static readonly MetricDefinition MeanScrapingIntensity = Define(78, "mean_scraping_intensity", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean scraping intensity (share of the full crawl rate) of the providers in the market.",
        "Mean scraping intensity", "平均抓取强度", x => MeanOfActive(x, v => v.ScrapingIntensity));

    public static readonly MetricDefinition ShareTakingPrivateMarked = Define(79, "share_taking_private_marked", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the providers in the market that take private-marked items without consent where the law lets them.",
        "Taking private-marked items", "抓取标记为私密信息的比例", x => MeanOfActive(x, v => v.TakesPrivateMarked ? 1 : 0));

    public static readonly MetricDefinition ShareTakingUnconsentedSensitive = Define(80, "share_taking_unconsented_sensitive", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the providers in the market that take sensitive items without consent where the law lets them.",
        "Taking sensitive items without consent", "未经同意抓取敏感信息的比例", x => MeanOfActive(x, v => v.TakesUnconsentedSensitive ? 1 : 0));

    public static readonly MetricDefinition ShareKeepingPrompts = Define(81, "share_keeping_prompts", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the providers in the market that keep users' prompts for training (as far as the law allows).",
        "Keeping prompts", "保留提示词用于训练的比例", x => MeanOfActive(x, v => v.KeepsPrompts ? 1 : 0));

    public static readonly MetricDefinition MeanTrainingShare = Define(82, "mean_training_share", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean share of the personal data they hold that the providers in the market train on.",
        "Mean training share", "个人数据用于训练的平均比例", x => MeanOfActive(x, v => v.TrainingShare));

    public static readonly MetricDefinition MeanSecondaryUse = Define(83, "mean_secondary_use", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean share of their reuse appetite that the providers in the market act on (beyond the allowed share it is a violation).",
        "Mean secondary use", "平均超目的使用程度", x => MeanOfActive(x, v => v.SecondaryUse));

    public static readonly MetricDefinition ShareLicensing = Define(84, "share_licensing", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of the providers in the market that license their model to deployers.",
        "Licensing to deployers", "向部署者授权的比例", x => MeanOfActive(x, v => v.Licensing ? 1 : 0));

    public static readonly MetricDefinition ActiveProviders = Define(85, "active_providers", MetricKind.Count, MetricNature.Stock, "providers",
        "Providers in the market (those that have not left).",
        "Providers in the market", "在市提供者数量", x => x.Providers.Count(r => r.Current.Active));

    public static readonly MetricDefinition MarketHhi = Define(86, "market_hhi", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Herfindahl-Hirschman index of concentration: the sum of squared shares of queries (1 is a monopoly).",
        "Market concentration (HHI)", "市场集中度（HHI）", x =>
        {
            var total = (double)x.Queries.Sum();
            return total > 0 ? TickRow.Ratio(x.Queries.Sum(q => (q / total) * (q / total))) : 0;
        });

    public static readonly MetricDefinition UsersInMarket = Define(87, "users_in_market", MetricKind.Count, MetricNature.Stock, "users",
        "Users who have chosen a provider in the market (active today or not); with lapsed_users they make up all users.",
        "Users in the market", "仍在使用的用户", x => x.Users);

    public static readonly MetricDefinition LapsedUsers = Define(88, "lapsed_users", MetricKind.Count, MetricNature.Stock, "users",
        "Users who have stopped using generative AI (after their provider left the market).",
        "Lapsed users", "停止使用的用户", Tally(TallyField.LapsedUsers));

    public static readonly MetricDefinition MeanDeployerSecurity = Define(89, "mean_deployer_security", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean security level of deployers.",
        "Mean deployer security", "部署者平均安全水平", x => TickRow.Ratio(x.Deployers.Length == 0 ? 0 : x.Deployers.Average(r => r.Security)));

    public static readonly MetricDefinition ShareDeployersTakingSensitive = Define(90, "share_deployers_taking_sensitive", MetricKind.Ratio, MetricNature.Stock, "share",
        "Share of deployers in sensitive sectors (finance, health) that take in their customers' sensitive records.",
        "Deployers taking sensitive records", "接收敏感记录的部署者比例", x =>
        {
            var sensitive = x.Deployers.Where(r => r.Next.SensitiveSector).ToList();
            return sensitive.Count == 0 ? 0 : TickRow.Ratio(sensitive.Average(r => r.Next.TakesSensitive ? 1.0 : 0.0));
        });

    public static readonly MetricDefinition MeanDeployerBias = Define(91, "mean_deployer_bias", MetricKind.Ratio, MetricNature.Stock, "0..1",
        "Mean relative approval penalty that deployers' models impose on the protected group.",
        "Mean deployer bias", "部署者平均偏差", x => TickRow.Ratio(x.Deployers.Length == 0 ? 0 : x.Deployers.Average(r => r.Bias)));

    private static long MeanOfActive(TickInputs x, Func<ProviderView, double> level)
    {
        var active = x.Providers.Where(r => r.Current.Active).ToList();
        return active.Count == 0 ? 0 : TickRow.Ratio(active.Average(r => level(r.Current)));
    }
}
