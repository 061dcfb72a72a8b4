using System.Text;
using CsvHelper;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;

namespace InfoRisk.Runner.Results;

/// <summary>
/// steady_state.csv: whether the main outcomes have reached a steady rate by the end of the run. For each regime and
/// flow metric, the mean rate a tick in the last quarter of the outcome window (after the warm-up) is compared with the
/// quarter before it, paired by replicate; a metric is steady when the relative change is within ±10% (a run that ends
/// mid-transient shows a large change: lengthen the run or the warm-up).
/// </summary>
public static class SteadyState
{
    /// <summary>The outcomes checked.</summary>
    public static readonly MetricDefinition[] Metrics =
        [Metric.HarmTotalYuan, Metric.CompensationYuan, Metric.ProviderProfitYuan, Metric.ServiceValueYuan, Metric.RecordsCollected, Metric.SocialCostYuan];

    /// <summary>Largest relative change between the two last quarters that counts as steady.</summary>
    public const double Tolerance = 0.10;

    private static readonly string[] Columns = ["experiment", "scenario", "regime", "metric", "n", "rate_previous_quarter", "rate_last_quarter", "relative_change", "change_ci95_low", "change_ci95_high", "steady"];

    public static void Write(string timeseriesPath, string path, string experiment, IReadOnlyList<string> regimes, int ticks, int warmup)
    {
        var window = ticks - warmup;
        var q3 = warmup + window / 2;
        var q4 = warmup + 3 * window / 4;
        // (scenario, regime) -> per replicate: sums over the two quarters, per metric
        var sums = new SortedDictionary<(int Scenario, int Regime), Dictionary<int, double[]>>();
        var regimeIndex = regimes.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        using (var csv = Plotting.CsvTable.Open(timeseriesPath))
        {
            var (scenarioAt, regimeAt, replicateAt, tickAt) = (csv.IndexOf("scenario"), csv.IndexOf("regime"), csv.IndexOf("replicate"), csv.IndexOf("tick"));
            var at = Metrics.Select(m => csv.IndexOf(m.Name)).ToArray();
            while (csv.Read())
            {
                var tick = (int)csv.Number(tickAt);
                if (tick < q3 || window < 4) continue;
                var key = ((int)csv.Number(scenarioAt), regimeIndex[csv[regimeAt]]);
                if (!sums.TryGetValue(key, out var replicates)) sums[key] = replicates = [];
                var replicate = (int)csv.Number(replicateAt);
                if (!replicates.TryGetValue(replicate, out var s)) replicates[replicate] = s = new double[2 * Metrics.Length];
                var half = tick >= q4 ? 1 : 0;
                for (var m = 0; m < Metrics.Length; m++) s[2 * m + half] += csv.Number(at[m]);
            }
        }

        using var stream = new StreamWriter(path, false, new UTF8Encoding(false));
        using var writer = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in Columns) writer.WriteField(h);
        writer.NextRecord();
        var (previousLength, lastLength) = (q4 - q3, ticks - q4);
        foreach (var ((scenario, regime), replicates) in sums)
        {
            for (var m = 0; m < Metrics.Length; m++)
            {
                var previous = replicates.Values.Select(s => s[2 * m] / previousLength).ToArray();
                var last = replicates.Values.Select(s => s[2 * m + 1] / lastLength).ToArray();
                var level = Math.Abs(previous.Average());
                var change = previous.Zip(last, (a, b) => level > 0 ? (b - a) / level : 0).ToArray();
                var interval = MeanInterval.Of(change);
                var (mean, low, high) = (interval.Mean, interval.Ci95Low, interval.Ci95High);
                writer.WriteField(experiment);
                writer.WriteField(scenario);
                writer.WriteField(regimes[regime]);
                writer.WriteField(Metrics[m].Name);
                writer.WriteField(change.Length);
                writer.WriteField(ResultAnalysis.Number(previous.Average()));
                writer.WriteField(ResultAnalysis.Number(last.Average()));
                writer.WriteField(ResultAnalysis.Number(mean));
                writer.WriteField(ResultAnalysis.Number(low));
                writer.WriteField(ResultAnalysis.Number(high));
                writer.WriteField(Math.Abs(mean) <= Tolerance ? "true" : "false");
                writer.NextRecord();
            }
        }
    }
}
