using InfoRisk.Model.Metrics;

namespace InfoRisk.Runner.Plotting;

/// <summary>Every string drawn on a chart, in English and Chinese. Keys are the constants below.</summary>
public static class ChartText
{
    public const string TimeAxis = "time_axis";
    public const string Band95 = "band_95";
    public const string Replicates = "replicates";
    public const string MeanCi = "mean_ci";
    public const string SourceIntrusion = "source_intrusion";
    public const string SourceBreach = "source_breach";
    public const string SourceRegurgitation = "source_regurgitation";
    public const string SourceFalseInfo = "source_false_info";
    public const string SourceDiscrimination = "source_discrimination";
    public const string SourceSecondaryUse = "source_secondary_use";
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
    public const string TitleBaselineDifference = "title_baseline_difference";
    public const string DifferenceAxis = "difference_axis";
    public const string TitleAblation = "title_ablation";
    public const string AllLevers = "all_levers";
    public const string EffectAxis = "effect_axis";
    public const string OneLever = "one_lever";
    public const string AddedTo = "added_to";
    public const string RemovedFrom = "removed_from";
    public const string TitleAblationBoth = "title_ablation_both";
    public const string TitleAblationRemove = "title_ablation_remove";
    public const string LeverEffectAxis = "lever_effect_axis";
    public const string SobolS1 = "sobol_s1";
    public const string SobolSt = "sobol_st";
    public const string SobolAxis = "sobol_axis";
    public const string TitleSobol = "title_sobol";
    public const string ConvergenceAxis = "convergence_axis";
    public const string TitleConvergence = "title_convergence";
    public const string MorrisMuStar = "morris_mu_star";
    public const string MorrisSigma = "morris_sigma";
    public const string TitleMorris = "title_morris";
    public const string BestShare = "best_share";
    public const string MaxRegret = "max_regret";
    public const string TitleRobustness = "title_robustness";
    public const string LowerBetter = "lower_better";
    public const string HigherBetter = "higher_better";
    public const string ScenarioMeans = "scenario_means";
    public const string BinnedMean = "binned_mean";
    public const string MeanBand = "mean_band";
    public const string ModelParameter = "model_parameter";
    public const string RegimeLever = "regime_lever";
    public const string TitleSweep = "title_sweep";
    public const string WithUnit = "with_unit";
    public const string FinalValue = "final_value";
    public const string CumulativeValue = "cumulative_value";
    public const string MeanPerRun = "mean_per_run";

    /// <summary>Supported languages.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "zh"];

    /// <summary>Built-in regime names, in report order.</summary>
    public static readonly IReadOnlyList<string> BuiltInRegimes = ["protection-first", "use-first", "dynamic-balance", "precautionary"];

    /// <summary>Characters that tick labels may use (digits, separators, sign, percent).</summary>
    public const string TickCharacters = "0123456789,.-%";

    private static readonly Dictionary<string, string> En = new(StringComparer.Ordinal)
    {
        [TimeAxis] = "Time (days)",
        [Band95] = "95% CI",
        [Replicates] = "Replicates",
        [MeanCi] = "Mean ± 95% CI",
        [SourceIntrusion] = "Privacy intrusion",
        [SourceBreach] = "Data breach",
        [SourceRegurgitation] = "Regurgitation",
        [SourceFalseInfo] = "False information",
        [SourceDiscrimination] = "Discrimination",
        [SourceSecondaryUse] = "Unlawful secondary use",
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
        [TitleBaselineDifference] = "Paired difference from the baseline {0} (regime − baseline, mean ± 95% CI)",
        [DifferenceAxis] = "Difference from baseline",
        [TitleAblation] = "Effect of switching each lever of {0} to its {1} value (variant − base, mean ± 95% CI)",
        [AllLevers] = "all levers together",
        [EffectAxis] = "Effect (variant − base)",
        [OneLever] = "One lever switched",
        [AddedTo] = "added to {0}",
        [RemovedFrom] = "removed from {0}",
        [TitleAblationBoth] = "Effect of each lever added to {0} alone and removed from {1} alone (with − without the lever, mean ± 95% CI)",
        [LeverEffectAxis] = "Effect of the lever (with − without)",
        [TitleAblationRemove] = "Effect of each lever removed from {1} alone, back to its {0} value (with − without the lever, mean ± 95% CI)",
        [SobolS1] = "First-order index S1",
        [SobolSt] = "Total-order index ST",
        [SobolAxis] = "Sobol index (0–1)",
        [TitleSobol] = "Sobol sensitivity indices with 95% bootstrap CI",
        [ConvergenceAxis] = "Base sample size N (log scale)",
        [TitleConvergence] = "Convergence of the Sobol indices of {0}: estimates from the first N base rows of the design, 95% bootstrap CI",
        [MorrisMuStar] = "μ* (metric unit)",
        [MorrisSigma] = "σ (metric unit)",
        [TitleMorris] = "Morris screening: μ* (mean |elementary effect|) against σ (their standard deviation)",
        [BestShare] = "Best (% of scenarios)",
        [MaxRegret] = "Maximum regret",
        [TitleRobustness] = "Robustness across {0} scenarios",
        [LowerBetter] = "{0}, lower is better",
        [HigherBetter] = "{0}, higher is better",
        [ScenarioMeans] = "Scenario means",
        [BinnedMean] = "Binned mean ± 95% CI",
        [MeanBand] = "Mean ± 95% CI",
        [ModelParameter] = "the model parameter {0}",
        [RegimeLever] = "the regime lever {0}",
        [TitleSweep] = "Run totals against {0}",
        [WithUnit] = "{0} ({1})",
        [FinalValue] = "Final {0}",
        [CumulativeValue] = "Cumulative {0}",
        [MeanPerRun] = "Mean {0} per run",
    };

    private static readonly Dictionary<string, string> Zh = new(StringComparer.Ordinal)
    {
        [TimeAxis] = "时间（天）",
        [Band95] = "95% 置信区间",
        [Replicates] = "各次重复",
        [MeanCi] = "均值 ± 95% 置信区间",
        [SourceIntrusion] = "隐私侵扰",
        [SourceBreach] = "数据泄露",
        [SourceRegurgitation] = "记忆内容复现",
        [SourceFalseInfo] = "虚假信息",
        [SourceDiscrimination] = "歧视",
        [SourceSecondaryUse] = "违法二次利用",
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
        [TitleBaselineDifference] = "与基准{0}的配对差值（制度 − 基准，均值 ± 95% 置信区间）",
        [DifferenceAxis] = "与基准的差值",
        [TitleAblation] = "将{0}的各项杠杆逐一切换为{1}取值的效应（变体 − 基准，均值 ± 95% 置信区间）",
        [AllLevers] = "全部杠杆同时切换",
        [EffectAxis] = "效应（变体 − 基准）",
        [OneLever] = "切换单项杠杆",
        [AddedTo] = "加入{0}",
        [RemovedFrom] = "从{0}中移除",
        [TitleAblationBoth] = "各项杠杆单独加入{0}与单独从{1}中移除的效应（有 − 无该杠杆，均值 ± 95% 置信区间）",
        [LeverEffectAxis] = "杠杆效应（有 − 无）",
        [TitleAblationRemove] = "各项杠杆单独从{1}中移除（恢复为{0}取值）的效应（有 − 无该杠杆，均值 ± 95% 置信区间）",
        [SobolS1] = "一阶指数 S1",
        [SobolSt] = "总效应指数 ST",
        [SobolAxis] = "Sobol 指数（0–1）",
        [TitleSobol] = "Sobol 敏感性指数及 95% 自助法置信区间",
        [ConvergenceAxis] = "基础样本量 N（对数刻度）",
        [TitleConvergence] = "{0}的 Sobol 指数收敛：取设计前 N 个基础样本的估计及 95% 自助法置信区间",
        [MorrisMuStar] = "μ*（指标单位）",
        [MorrisSigma] = "σ（指标单位）",
        [TitleMorris] = "Morris 筛选：μ*（基本效应绝对值的均值）与 σ（基本效应的标准差）",
        [BestShare] = "最优情景占比（%）",
        [MaxRegret] = "最大遗憾值",
        [TitleRobustness] = "跨 {0} 个情景的稳健性",
        [LowerBetter] = "{0}，越低越好",
        [HigherBetter] = "{0}，越高越好",
        [ScenarioMeans] = "各情景均值",
        [BinnedMean] = "分箱均值 ± 95% 置信区间",
        [MeanBand] = "均值 ± 95% 置信区间",
        [ModelParameter] = "模型参数{0}",
        [RegimeLever] = "制度杠杆{0}",
        [TitleSweep] = "运行总量随{0}的变化",
        [WithUnit] = "{0}（{1}）",
        [FinalValue] = "期末{0}",
        [CumulativeValue] = "累计{0}",
        [MeanPerRun] = "每次运行平均{0}",
    };

    private static readonly Dictionary<string, string> RegimesZh = new(StringComparer.Ordinal)
    {
        ["protection-first"] = "保护优先",
        ["use-first"] = "利用优先",
        ["dynamic-balance"] = "动态平衡",
        ["precautionary"] = "风险预防",
    };

    /// <summary>Display names of the model parameters and regime levers that experiments vary (others keep their column name).</summary>
    private static readonly Dictionary<string, (string En, string Zh)> Parameters = new(StringComparer.Ordinal)
    {
        ["breach_probability_24_months"] = ("Breach probability in 24 months", "24 个月内泄露概率"),
        ["memorization_base"] = ("Base memorisation rate", "基础记忆率"),
        ["hallucination_rate"] = ("Hallucination rate", "幻觉率"),
        ["litigation_cost_yuan"] = ("Litigation cost (yuan)", "诉讼成本（元）"),
        ["malicious_user_share"] = ("Share of malicious users", "恶意用户比例"),
        ["output_filter"] = ("Output filter strength (0–1)", "输出过滤强度（0–1）"),
        ["punitive_multiplier"] = ("Punitive damages multiplier", "惩罚性赔偿倍数"),
    };

    /// <summary>The display name of a model parameter or regime lever: its translation when known, else the name as given.</summary>
    public static string Parameter(string language, string name) =>
        Parameters.TryGetValue(name, out var label) ? (language == "zh" ? label.Zh : label.En) : name;

    /// <summary>The Chinese form of each unit the metric registry declares (ranges such as 0..1 need none), as charts write it: a count per tick is written as the count's unit, since charts show run totals and cumulative sums.</summary>
    private static readonly Dictionary<string, string> UnitsZh = new(StringComparer.Ordinal)
    {
        ["yuan/tick"] = "元",
        ["records/tick"] = "条",
        ["records"] = "条",
        ["items/tick"] = "项",
        ["users"] = "人",
        ["subjects"] = "人",
        ["subjects/tick"] = "人",
        ["providers"] = "家",
        ["queries/tick"] = "次",
        ["incidents/tick"] = "起",
        ["breaches/tick"] = "起",
        ["events/tick"] = "起",
        ["decisions/tick"] = "项",
        ["requests/tick"] = "件",
        ["claims/tick"] = "件",
        ["claims"] = "件",
        ["yuan"] = "元",
        ["probability"] = "概率",
        ["share"] = "比例",
        ["ratio"] = "比值",
    };

    /// <summary>A metric's unit as a chart writes it: a flow's unit without "/tick" (run totals and cumulative sums), ranges with an en dash (0–1).</summary>
    public static string Unit(string language, MetricDefinition metric)
    {
        if (language == "zh" && UnitsZh.TryGetValue(metric.Unit, out var zh)) return zh;
        var unit = metric.Unit.EndsWith("/tick", StringComparison.Ordinal) ? metric.Unit[..^"/tick".Length] : metric.Unit;
        return unit.Replace("..", "–", StringComparison.Ordinal);
    }

    /// <summary>Every unit the registry declares has a Chinese form (or is a range such as 0..1): for the tests.</summary>
    internal static IEnumerable<string> UnitsWithoutChinese() =>
        InfoRisk.Model.Metrics.Metric.All.Select(m => Unit("zh", m)).Where(u => u.Any(char.IsAsciiLetter)).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The label of a metric's run-level value, from the registry (<see cref="MetricDefinition.Label"/>) with its unit:
    /// a flow's run total ("Total harm (yuan)"), a stock's final value ("Final user trust (0–1)").
    /// </summary>
    public static string Metric(string language, MetricDefinition metric) =>
        WithUnitOf(language, metric, metric.Nature == MetricNature.Stock ? Pattern(language, FinalValue, metric) : metric.Label(language));

    /// <summary>The label of a metric named in a result file: the registry's label with its unit, or the name itself for a name the registry does not know.</summary>
    public static string Metric(string language, string name) =>
        InfoRisk.Model.Metrics.Metric.Find(name) is { } metric ? Metric(language, metric) : name;

    /// <summary>A metric's value on a day, with its unit: "Records held (records)".</summary>
    public static string Level(string language, MetricDefinition metric) => WithUnitOf(language, metric, metric.Label(language));

    /// <summary>A flow summed from the first day, with its unit: "Cumulative total harm (yuan)".</summary>
    public static string Cumulative(string language, MetricDefinition metric) => WithUnitOf(language, metric, Pattern(language, CumulativeValue, metric));

    /// <summary>A flow's mean run total, with its unit: "Mean total harm per run (yuan)".</summary>
    public static string MeanRunTotal(string language, MetricDefinition metric) => WithUnitOf(language, metric, Pattern(language, MeanPerRun, metric));

    private static string WithUnitOf(string language, MetricDefinition metric, string label) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, Get(language, WithUnit), label, Unit(language, metric));

    /// <summary>A pattern around a metric's label; in English the label's capital goes (unless it starts a word in capitals, such as HHI).</summary>
    private static string Pattern(string language, string key, MetricDefinition metric)
    {
        var label = metric.Label(language);
        if (language == "en" && label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1])) label = char.ToLowerInvariant(label[0]) + label[1..];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Get(language, key), label);
    }

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
        Table(language).Values.Select(v => v.Replace("{0}", string.Empty, StringComparison.Ordinal).Replace("{1}", string.Empty, StringComparison.Ordinal))
            .Concat(BuiltInRegimes.Select(r => Regime(language, r)))
            .Concat(Parameters.Keys.Select(p => Parameter(language, p)))
            .Concat(InfoRisk.Model.Metrics.Metric.All.SelectMany(m => new[] { Metric(language, m), Level(language, m), Cumulative(language, m), MeanRunTotal(language, m) }))
            .Append(TickCharacters);
}
