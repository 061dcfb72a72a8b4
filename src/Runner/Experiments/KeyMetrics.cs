using InfoRisk.Model.Metrics;

namespace InfoRisk.Runner.Experiments;

/// <summary>
/// The metric lists the runner needs, declared once from the registry's definitions (<see cref="Metric"/>): the key
/// metrics (docs/outputs.md §7), the headline outcomes charts show first, and the outcomes of one-column charts.
/// </summary>
public static class KeyMetrics
{
    /// <summary>
    /// The key metrics, in chart order: the default metrics of a sensitivity analysis and the outcomes of the sweep and
    /// baseline-difference charts at two-column width.
    /// </summary>
    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        Metric.HarmTotalYuan, Metric.SocialWelfareYuan, Metric.SocialCostYuan, Metric.ServiceValueYuan, Metric.CompensationYuan,
        Metric.PunitiveYuan, Metric.UncompensatedHarmYuan, Metric.RecordsCollected, Metric.PrivacyIntrusions, Metric.SubjectsReidentified,
        Metric.ModelQuality, Metric.UserTrust, Metric.ProviderProfitYuan,
    ];

    /// <summary>The headline outcomes, shown first by the ablation, sensitivity and robustness charts (those present, in this order).</summary>
    public static readonly IReadOnlyList<MetricDefinition> Headline =
        [Metric.HarmTotalYuan, Metric.SocialWelfareYuan, Metric.ServiceValueYuan, Metric.UncompensatedHarmYuan];

    /// <summary>The outcomes of the sweep and baseline-difference charts at one-column width.</summary>
    public static readonly IReadOnlyList<MetricDefinition> Narrow = [.. Headline, Metric.PrivacyIntrusions, Metric.UserTrust];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names => [.. All.Select(m => m.Name)];
}
