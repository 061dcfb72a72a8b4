namespace InfoRisk.Runner.Plotting;

/// <summary>
/// The strings of the decision-support charts (scenario discovery, Shapley attribution, Pareto front), in English and
/// Chinese: kept apart from <see cref="ChartText"/> so that the two tables can grow independently.
/// </summary>
public static class DecisionChartText
{
    public const string TitlePrimTradeoff = "title_prim_tradeoff";
    public const string CoverageAxis = "coverage_axis";
    public const string DensityAxis = "density_axis";
    public const string MassBin = "mass_bin";
    public const string Peeling = "peeling";
    public const string Pasting = "pasting";
    public const string ChosenBox = "chosen_box";
    public const string ChosenBoxSummary = "chosen_box_summary";
    public const string RestrictedLabel = "restricted_label";
    public const string TitleBoxLimits = "title_box_limits";
    public const string FullRange = "full_range";
    public const string BoxRange = "box_range";
    public const string PositionAxis = "position_axis";
    public const string QuasiP = "quasi_p";
    public const string BootstrapShare = "bootstrap_share";
    public const string NoRestriction = "no_restriction";
    public const string TitleShapley = "title_shapley";
    public const string ShapleyExact = "shapley_exact";
    public const string ShapleySampled = "shapley_sampled";
    public const string Increase = "increase";
    public const string Decrease = "decrease";
    public const string TotalDifference = "total_difference";
    public const string Ci95 = "ci95";
    public const string TitlePareto = "title_pareto";
    public const string Evaluated = "evaluated";
    public const string ParetoFrontLabel = "pareto_front";
    public const string OnFront = "on_front";
    public const string BehindFront = "behind_front";
    public const string Minimise = "minimise";
    public const string Maximise = "maximise";

    private static readonly Dictionary<string, string> En = new(StringComparer.Ordinal)
    {
        [TitlePrimTradeoff] = "Scenario discovery (PRIM): coverage against density along the peeling trajectory",
        [CoverageAxis] = "Coverage (share of all cases of interest inside the box)",
        [DensityAxis] = "Density (share of the box's cases that are of interest)",
        [MassBin] = "mass {0}–{1}",
        [Peeling] = "peeling step",
        [Pasting] = "pasting step",
        [ChosenBox] = "chosen box",
        [ChosenBoxSummary] = "Chosen box: coverage {0}, density {1}, mass {2}, {3} restricted dimensions",
        [RestrictedLabel] = "{0} dim.",
        [TitleBoxLimits] = "Limits of the chosen box in its restricted dimensions (coverage {0}, density {1}, mass {2})",
        [FullRange] = "full range",
        [BoxRange] = "box",
        [PositionAxis] = "Position in the dimension's full range (0 = minimum, 1 = maximum)",
        [QuasiP] = "quasi-p {0}",
        [BootstrapShare] = "restricted in {0}% of resamples",
        [NoRestriction] = "no dimension is restricted",
        [TitleShapley] = "Shapley attribution of {0} − {1} to the levers that differ (mean ± 95% CI)",
        [ShapleyExact] = "exact over all {0} coalitions, {1} paired replicates",
        [ShapleySampled] = "{0} sampled lever orders, {1} paired replicates",
        [Increase] = "raises the difference",
        [Decrease] = "lowers the difference",
        [TotalDifference] = "total difference",
        [Ci95] = "95% CI",
        [TitlePareto] = "Pareto front of the regime search ({0} regimes evaluated) and the named regimes' distance to it",
        [Evaluated] = "evaluated regimes",
        [ParetoFrontLabel] = "Pareto front",
        [OnFront] = "{0}: on the front",
        [BehindFront] = "{0}: {1} behind the front",
        [Minimise] = "{0}, lower is better",
        [Maximise] = "{0}, higher is better",
    };

    private static readonly Dictionary<string, string> Zh = new(StringComparer.Ordinal)
    {
        [TitlePrimTradeoff] = "情景发现（PRIM）：剥离轨迹上的覆盖率与密度",
        [CoverageAxis] = "覆盖率（框内关注情形占全部关注情形的比例）",
        [DensityAxis] = "密度（框内情形中关注情形的比例）",
        [MassBin] = "质量 {0}–{1}",
        [Peeling] = "剥离步骤",
        [Pasting] = "粘贴步骤",
        [ChosenBox] = "选定的框",
        [ChosenBoxSummary] = "选定的框：覆盖率 {0}，密度 {1}，质量 {2}，受限维度 {3} 个",
        [RestrictedLabel] = "{0} 维",
        [TitleBoxLimits] = "选定框在受限维度上的界限（覆盖率 {0}，密度 {1}，质量 {2}）",
        [FullRange] = "全部范围",
        [BoxRange] = "框",
        [PositionAxis] = "在该维度全部范围中的位置（0 = 最小值，1 = 最大值）",
        [QuasiP] = "拟 p 值 {0}",
        [BootstrapShare] = "{0}% 的重抽样中受限",
        [NoRestriction] = "没有受限的维度",
        [TitleShapley] = "{0} − {1} 之差在各项不同杠杆上的 Shapley 分解（均值 ± 95% 置信区间）",
        [ShapleyExact] = "精确计算全部 {0} 个联盟，{1} 次配对重复",
        [ShapleySampled] = "抽样 {0} 个杠杆顺序，{1} 次配对重复",
        [Increase] = "增大差值",
        [Decrease] = "减小差值",
        [TotalDifference] = "总差值",
        [Ci95] = "95% 置信区间",
        [TitlePareto] = "制度搜索的帕累托前沿（已评估 {0} 个制度）及指定制度与前沿的距离",
        [Evaluated] = "已评估的制度",
        [ParetoFrontLabel] = "帕累托前沿",
        [OnFront] = "{0}：位于前沿上",
        [BehindFront] = "{0}：落后前沿 {1}",
        [Minimise] = "{0}，越低越好",
        [Maximise] = "{0}，越高越好",
    };

    /// <summary>The label for <paramref name="key"/> in <paramref name="language"/>.</summary>
    public static string Get(string language, string key)
    {
        var table = language switch
        {
            "en" => En,
            "zh" => Zh,
            _ => throw new ArgumentException($"unknown chart language '{language}'", nameof(language)),
        };
        return table.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"no chart text '{key}' for '{language}'");
    }

    /// <summary>Every fixed string of these charts in <paramref name="language"/> (placeholders removed).</summary>
    public static IEnumerable<string> AllLabels(string language) =>
        (language == "zh" ? Zh : En).Values.Select(v => v.Replace("{0}", string.Empty, StringComparison.Ordinal).Replace("{1}", string.Empty, StringComparison.Ordinal)
            .Replace("{2}", string.Empty, StringComparison.Ordinal).Replace("{3}", string.Empty, StringComparison.Ordinal));

    /// <summary>The keys of the English and Chinese tables (for a test that both languages have every key).</summary>
    internal static (IReadOnlyCollection<string> En, IReadOnlyCollection<string> Zh) Keys => (En.Keys, Zh.Keys);
}
