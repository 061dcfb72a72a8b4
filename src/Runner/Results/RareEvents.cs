using System.Text;
using CsvHelper;
using InfoRisk.Model.Metrics;
using MathNet.Numerics.Distributions;

namespace InfoRisk.Runner.Results;

/// <summary>
/// rare_events.csv: counts of rare events (breaches) pooled over a regime's replicates, with exact Poisson intervals for
/// the rate (Garwood 1936) and for the rate ratio against the baseline (conditional binomial, Clopper-Pearson); runs are
/// too few events each for a normal interval (docs/outputs.md says how many replicates a comparison needs).
/// </summary>
public static class RareEvents
{
    /// <summary>The rare-event counts reported.</summary>
    public static readonly MetricDefinition[] Metrics = [Metric.Breaches];

    private static readonly string[] Columns = ["experiment", "scenario", "regime", "metric", "runs", "events", "exposure_days", "rate_per_year", "ci95_low", "ci95_high", "baseline", "rate_ratio", "ratio_ci95_low", "ratio_ci95_high"];

    /// <summary>Exact 95% interval for a Poisson mean given <paramref name="events"/> observed.</summary>
    public static (double Low, double High) PoissonInterval(long events) =>
        (events == 0 ? 0 : ChiSquared.InvCDF(2 * events, 0.025) / 2, ChiSquared.InvCDF(2 * events + 2, 0.975) / 2);

    /// <summary>Exact 95% interval for the ratio of two Poisson rates (a over b) given counts and exposures; NaN where undefined.</summary>
    public static (double Ratio, double Low, double High) RateRatio(long a, double exposureA, long b, double exposureB)
    {
        var n = a + b;
        var scale = exposureB / exposureA;
        if (n == 0) return (double.NaN, double.NaN, double.NaN);
        // given n events in all, a ~ Binomial(n, p) with p = λa·Ea / (λa·Ea + λb·Eb): Clopper-Pearson bounds on p
        var pLow = a == 0 ? 0 : Beta.InvCDF(a, n - a + 1, 0.025);
        var pHigh = a == n ? 1 : Beta.InvCDF(a + 1, n - a, 0.975);
        static double Odds(double p) => p >= 1 ? double.PositiveInfinity : p / (1 - p);
        return (b == 0 ? double.PositiveInfinity : a / (double)b * scale, Odds(pLow) * scale, Odds(pHigh) * scale);
    }

    /// <summary>Writes the table from the per-scenario run values (in the metric's unit) that the analysis reads back.</summary>
    public static void Write(string path, string experiment, IReadOnlyList<string> regimes, string baseline, int days, IEnumerable<(int Scenario, List<double[]>[] Runs)> scenarios)
    {
        using var stream = new StreamWriter(path, false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in Columns) csv.WriteField(h);
        csv.NextRecord();
        var b = regimes.ToList().IndexOf(baseline);
        foreach (var (scenario, runs) in scenarios)
        {
            foreach (var metric in Metrics)
            {
                var events = runs.Select(r => (long)Math.Round(r.Sum(v => v[metric.Index]))).ToArray();
                var exposure = runs.Select(r => (double)r.Count * days).ToArray();
                for (var q = 0; q < regimes.Count; q++)
                {
                    if (runs[q].Count == 0) continue;
                    var (low, high) = PoissonInterval(events[q]);
                    var perYear = 365.0 / exposure[q];
                    csv.WriteField(experiment);
                    csv.WriteField(scenario);
                    csv.WriteField(regimes[q]);
                    csv.WriteField(metric.Name);
                    csv.WriteField(runs[q].Count);
                    csv.WriteField(events[q]);
                    csv.WriteField(exposure[q].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    csv.WriteField(ResultAnalysis.Number(events[q] * perYear));
                    csv.WriteField(ResultAnalysis.Number(low * perYear));
                    csv.WriteField(ResultAnalysis.Number(high * perYear));
                    var compare = b >= 0 && b != q && runs[b].Count > 0;
                    var (ratio, rLow, rHigh) = compare ? RateRatio(events[q], exposure[q], events[b], exposure[b]) : (double.NaN, double.NaN, double.NaN);
                    csv.WriteField(compare ? baseline : "");
                    csv.WriteField(compare ? ResultAnalysis.Number(ratio) : "");
                    csv.WriteField(compare ? ResultAnalysis.Number(rLow) : "");
                    csv.WriteField(compare ? ResultAnalysis.Number(rHigh) : "");
                    csv.NextRecord();
                }
            }
        }
    }
}
