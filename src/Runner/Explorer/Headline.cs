using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Explorer;

/// <summary>
/// The headline outcomes of the explorer and the report (harm, compensation, re-identification risk, service value,
/// provider profit, trust, social welfare), and their statistics computed the way summary.csv computes them.
/// </summary>
public static class Headline
{
    /// <summary>The headline metrics, in table order; names, units and labels come from the metric registry.</summary>
    public static IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        Metric.HarmTotalYuan, Metric.CompensationYuan, Metric.MeanReidRisk, Metric.ServiceValueYuan,
        Metric.ProviderProfitYuan, Metric.UserTrust, Metric.SocialWelfareYuan,
    ];

    /// <summary>The unit of a run-level value (runs.csv, summary.csv): a flow's total drops the "/tick".</summary>
    public static string RunUnit(MetricDefinition metric) =>
        metric.Nature == MetricNature.Flow && metric.Unit.EndsWith("/tick", StringComparison.Ordinal) ? metric.Unit[..^"/tick".Length] : metric.Unit;

    /// <summary>
    /// A run's value of every metric exactly as summary.csv sees it: the run total (flows summed, stocks final) written
    /// as runs.csv writes it and read back by the strict CSV reader. So the explorer's numbers and a CLI run's summary.csv
    /// are the same doubles.
    /// </summary>
    public static double[] RunValues(RunResult run)
    {
        var totals = run.Totals();
        var values = new double[Metric.Count];
        for (var m = 0; m < Metric.Count; m++)
        {
            values[m] = CsvTable.Finite(TickRow.Format(Metric.All[m].Kind, totals[m]), "runs.csv", 0, Metric.All[m].Name, emptyAllowed: false);
        }
        return values;
    }

    /// <summary>
    /// One metric's statistics over replicates as in summary.csv: each regime's mean and t interval
    /// (<see cref="ResultAnalysis.Describe"/>), and the regime's paired difference from the baseline
    /// (<see cref="PairedComparison"/>), replicate r against replicate r.
    /// </summary>
    public static MetricComparison Compare(MetricDefinition metric, IReadOnlyList<double[]> baselineRuns, IReadOnlyList<double[]> regimeRuns)
    {
        var b = baselineRuns.Select(r => r[metric.Index]).ToArray();
        var q = regimeRuns.Select(r => r[metric.Index]).ToArray();
        var bs = ResultAnalysis.Describe(b);
        var qs = ResultAnalysis.Describe(q);
        return new MetricComparison(metric, b.Length,
            new MeanInterval(b.Length, bs.Mean, bs.Sd, bs.Low, bs.High),
            new MeanInterval(q.Length, qs.Mean, qs.Sd, qs.Low, qs.High),
            PairedComparison.Of(q, b));
    }
}

/// <summary>A headline metric compared: the baseline's and the regime's mean with 95% CI, and the paired difference.</summary>
public sealed record MetricComparison(MetricDefinition Metric, int N, MeanInterval Baseline, MeanInterval Regime, PairedDifference Difference);
