namespace InfoRisk.Runner.Plotting;

/// <summary>Every string drawn on a chart, in English and Chinese. Keys are the constants below.</summary>
public static class ChartText
{
    public const string TimeAxis = "time_axis";
    public const string CumulativeHarm = "cumulative_harm";
    public const string CumulativeServiceValue = "cumulative_service_value";
    public const string CumulativeWelfare = "cumulative_welfare";
    public const string CumulativeCompensation = "cumulative_compensation";
    public const string RecordsHeld = "records_held";
    public const string ModelQuality = "model_quality";
    public const string UserTrust = "user_trust";
    public const string MeanReidRisk = "mean_reid_risk";
    public const string Band95 = "band_95";
    public const string Replicates = "replicates";
    public const string MeanCi = "mean_ci";
    public const string MeanTotalHarm = "mean_total_harm";
    public const string SourceIntrusion = "source_intrusion";
    public const string SourceBreach = "source_breach";
    public const string SourceRegurgitation = "source_regurgitation";
    public const string SourceFalseInfo = "source_false_info";
    public const string SourceDiscrimination = "source_discrimination";
    public const string ShareCompensated = "share_compensated";
    public const string ShareCompensatedTitle = "share_compensated_title";
    public const string AwardsPaid = "awards_paid";
    public const string WhoPaidTitle = "who_paid_title";
    public const string PaidByProviders = "paid_by_providers";
    public const string PaidByDeployers = "paid_by_deployers";
    public const string PaidByUsers = "paid_by_users";
    public const string RightsAxis = "rights_axis";
    public const string RightDeletion = "right_deletion";
    public const string RightRestriction = "right_restriction";
    public const string RightExplanation = "right_explanation";
    public const string Requests = "requests";
    public const string Served = "served";
    public const string ScenarioTitle = "scenario_title";

    /// <summary>Supported languages.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "zh"];

    /// <summary>Built-in regime names, in report order.</summary>
    public static readonly IReadOnlyList<string> BuiltInRegimes = ["protection-first", "use-first", "dynamic-balance", "precautionary"];

    /// <summary>Characters that tick labels may use (digits, separators, sign, percent).</summary>
    public const string TickCharacters = "0123456789,.-%";

    private static readonly Dictionary<string, string> En = new(StringComparer.Ordinal)
    {
        [TimeAxis] = "Time (days)",
        [CumulativeHarm] = "Cumulative harm (yuan)",
        [CumulativeServiceValue] = "Cumulative service value (yuan)",
        [CumulativeWelfare] = "Cumulative welfare (yuan)",
        [CumulativeCompensation] = "Cumulative compensation (yuan)",
        [RecordsHeld] = "Records held (records)",
        [ModelQuality] = "Model quality (0–1)",
        [UserTrust] = "User trust (0–1)",
        [MeanReidRisk] = "Mean re-identification risk (probability)",
        [Band95] = "95% CI",
        [Replicates] = "Replicates",
        [MeanCi] = "Mean ± 95% CI",
        [MeanTotalHarm] = "Mean total harm per run (yuan)",
        [SourceIntrusion] = "Privacy intrusion",
        [SourceBreach] = "Data breach",
        [SourceRegurgitation] = "Regurgitation",
        [SourceFalseInfo] = "False information",
        [SourceDiscrimination] = "Discrimination",
        [ShareCompensated] = "Harm compensated (%)",
        [ShareCompensatedTitle] = "Share of harm compensated",
        [AwardsPaid] = "Mean awards paid per run (yuan)",
        [WhoPaidTitle] = "Who paid",
        [PaidByProviders] = "Providers",
        [PaidByDeployers] = "Deployers",
        [PaidByUsers] = "Users",
        [RightsAxis] = "Mean requests per run (requests)",
        [RightDeletion] = "Deletion",
        [RightRestriction] = "Restriction",
        [RightExplanation] = "Explanation",
        [Requests] = "Requested",
        [Served] = "Served",
        [ScenarioTitle] = "Scenario: {0}",
    };

    private static readonly Dictionary<string, string> Zh = new(StringComparer.Ordinal)
    {
        [TimeAxis] = "时间（天）",
        [CumulativeHarm] = "累计损害（元）",
        [CumulativeServiceValue] = "累计服务价值（元）",
        [CumulativeWelfare] = "累计社会福利（元）",
        [CumulativeCompensation] = "累计赔偿（元）",
        [RecordsHeld] = "持有记录（条）",
        [ModelQuality] = "模型质量（0–1）",
        [UserTrust] = "用户信任（0–1）",
        [MeanReidRisk] = "平均再识别风险（概率）",
        [Band95] = "95% 置信区间",
        [Replicates] = "各次重复",
        [MeanCi] = "均值 ± 95% 置信区间",
        [MeanTotalHarm] = "每次运行平均总损害（元）",
        [SourceIntrusion] = "隐私侵扰",
        [SourceBreach] = "数据泄露",
        [SourceRegurgitation] = "记忆内容复现",
        [SourceFalseInfo] = "虚假信息",
        [SourceDiscrimination] = "歧视",
        [ShareCompensated] = "损害获赔比例（%）",
        [ShareCompensatedTitle] = "损害获赔比例",
        [AwardsPaid] = "每次运行平均赔付（元）",
        [WhoPaidTitle] = "赔付承担者",
        [PaidByProviders] = "提供者",
        [PaidByDeployers] = "部署者",
        [PaidByUsers] = "用户",
        [RightsAxis] = "每次运行平均请求数（件）",
        [RightDeletion] = "删除",
        [RightRestriction] = "限制处理",
        [RightExplanation] = "解释说明",
        [Requests] = "已提出",
        [Served] = "已满足",
        [ScenarioTitle] = "情景：{0}",
    };

    private static readonly Dictionary<string, string> RegimesZh = new(StringComparer.Ordinal)
    {
        ["protection-first"] = "保护优先",
        ["use-first"] = "利用优先",
        ["dynamic-balance"] = "动态平衡",
        ["precautionary"] = "风险预防",
    };

    /// <summary>The label table of a language (key → text).</summary>
    public static IReadOnlyDictionary<string, string> Table(string language) => language switch
    {
        "en" => En,
        "zh" => Zh,
        _ => throw new ArgumentException($"unknown chart language '{language}'", nameof(language)),
    };

    /// <summary>The label for <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string language, string key) =>
        Table(language).TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"no chart text '{key}' for '{language}'");

    /// <summary>The display name of a regime: the translation of a built-in regime, else the name as given.</summary>
    public static string Regime(string language, string regime) =>
        language == "zh" && RegimesZh.TryGetValue(regime, out var zh) ? zh : regime;

    /// <summary>Every fixed string a chart in <paramref name="language"/> may draw (labels, built-in regime names, tick characters).</summary>
    public static IEnumerable<string> AllLabels(string language) =>
        Table(language).Values.Select(v => v.Replace("{0}", string.Empty, StringComparison.Ordinal))
            .Concat(BuiltInRegimes.Select(r => Regime(language, r)))
            .Append(TickCharacters);
}
