using System.Globalization;
using System.Text;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Plotting;

/// <summary>Writes a small, plausible result folder (timeseries.csv, runs.csv, summary.csv, manifest.json) without running the simulation.</summary>
internal static class SyntheticResults
{
    public static string Create(string[]? regimes = null, int replicates = 3, int ticks = 20, string scenario = "baseline")
    {
        regimes ??= ["protection-first", "use-first"];
        var dir = Path.Combine(Path.GetTempPath(), "inforisk-plot-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var inv = CultureInfo.InvariantCulture;
        var metrics = Metric.All;
        var ts = new StringBuilder("experiment,scenario,regime,replicate,seed,tick," + string.Join(",", metrics.Select(m => m.Name)) + "\n");
        var runs = new StringBuilder("experiment,scenario,regime,replicate,seed,param_subjects,lever_fine_cap," + string.Join(",", metrics.Select(m => m.Name)) + "\n");
        var totals = new Dictionary<(string Regime, int Rep), double[]>();

        for (var g = 0; g < regimes.Length; g++)
        {
            for (var rep = 0; rep < replicates; rep++)
            {
                var seed = 1000 + 10 * g + rep;
                var rng = new Random(seed);
                var total = new double[metrics.Length];
                var level = 1.0 + g * 0.8; // later regimes: more use, more harm
                for (var t = 1; t <= ticks; t++)
                {
                    var v = new double[metrics.Length];
                    double Noise(double scale) => scale * (0.8 + 0.4 * rng.NextDouble());
                    v[Metric.RecordsCollected] = Math.Round(Noise(5_000 * level));
                    v[Metric.SensitiveRecordsCollected] = Math.Round(v[Metric.RecordsCollected] * 0.1);
                    v[Metric.RecordsHeld] = Math.Round(40_000 * level + 5_000 * t * level);
                    v[Metric.ModelQuality] = 1 - Math.Exp(-(t + 5.0 * level) / 15.0);
                    v[Metric.UserTrust] = Math.Clamp(0.8 - 0.01 * t * level + 0.02 * rng.NextDouble(), 0, 1);
                    v[Metric.MeanReidRisk] = Math.Clamp(0.05 * level + 0.01 * rng.NextDouble(), 0, 1);
                    v[Metric.ActiveUsers] = Math.Round(Noise(2_000));
                    v[Metric.HarmIntrusionYuan] = Math.Round(Noise(20_000 * level), 2);
                    v[Metric.HarmBreachYuan] = Math.Round(Noise(35_000 * level), 2);
                    v[Metric.HarmRegurgitationYuan] = Math.Round(Noise(8_000 * level), 2);
                    v[Metric.HarmFalseInfoYuan] = Math.Round(Noise(12_000 * level), 2);
                    v[Metric.HarmDiscriminationYuan] = Math.Round(Noise(6_000 * level), 2);
                    v[Metric.HarmTotalYuan] = v[Metric.HarmIntrusionYuan] + v[Metric.HarmBreachYuan] + v[Metric.HarmRegurgitationYuan] + v[Metric.HarmFalseInfoYuan] + v[Metric.HarmDiscriminationYuan];
                    v[Metric.HarmPropertyYuan] = Math.Round(v[Metric.HarmTotalYuan] * 0.6, 2);
                    v[Metric.HarmMentalYuan] = v[Metric.HarmTotalYuan] - v[Metric.HarmPropertyYuan];
                    v[Metric.CompensationYuan] = Math.Round(v[Metric.HarmTotalYuan] * Math.Max(0.05, 0.5 - 0.15 * g) * (0.8 + 0.4 * rng.NextDouble()), 2);
                    v[Metric.PunitiveYuan] = Math.Round(v[Metric.CompensationYuan] * 0.1, 2);
                    v[Metric.UncompensatedHarmYuan] = v[Metric.HarmTotalYuan] - v[Metric.CompensationYuan];
                    var awards = v[Metric.CompensationYuan] + v[Metric.PunitiveYuan];
                    v[Metric.PaidByProvidersYuan] = Math.Round(awards * 0.6, 2);
                    v[Metric.PaidByDeployersYuan] = Math.Round(awards * 0.3, 2);
                    v[Metric.PaidByUsersYuan] = awards - v[Metric.PaidByProvidersYuan] - v[Metric.PaidByDeployersYuan];
                    v[Metric.ServiceValueYuan] = Math.Round(Noise(150_000 * (1 + 0.5 * g)), 2);
                    v[Metric.ProviderProfitYuan] = Math.Round(Noise(40_000 * level), 2);
                    v[Metric.WelfareYuan] = v[Metric.ServiceValueYuan] + v[Metric.ProviderProfitYuan] - v[Metric.HarmTotalYuan];
                    v[Metric.DeletionRequests] = Math.Round(Noise(40));
                    v[Metric.DeletionsServed] = Math.Round(v[Metric.DeletionRequests] * Math.Max(0.1, 0.9 - 0.25 * g));
                    v[Metric.RestrictionRequests] = Math.Round(Noise(12));
                    v[Metric.RestrictionsServed] = Math.Round(v[Metric.RestrictionRequests] * Math.Max(0.1, 0.8 - 0.25 * g));
                    v[Metric.ExplanationRequests] = Math.Round(Noise(5));
                    v[Metric.ExplanationsServed] = Math.Round(v[Metric.ExplanationRequests] * Math.Max(0.05, 0.7 - 0.25 * g));
                    v[Metric.DisparateImpactRatio] = 0.9;
                    v[Metric.MeanSecurity] = 0.5;

                    ts.Append(inv, $"synthetic,{scenario},{regimes[g]},{rep},{seed},{t},");
                    ts.AppendJoin(",", v.Select(x => x.ToString("0.######", inv))).Append('\n');
                    for (var m = 0; m < metrics.Length; m++)
                    {
                        total[m] = metrics[m].Nature == MetricNature.Flow ? total[m] + v[m] : v[m];
                    }
                }

                totals[(regimes[g], rep)] = total;
                runs.Append(inv, $"synthetic,{scenario},{regimes[g]},{rep},{seed},10000,0.5,");
                runs.AppendJoin(",", total.Select(x => x.ToString("0.######", inv))).Append('\n');
            }
        }

        var summary = new StringBuilder("experiment,scenario,regime,metric,n,mean,sd,ci95_low,ci95_high\n");
        foreach (var regime in regimes)
        {
            for (var m = 0; m < metrics.Length; m++)
            {
                var xs = Enumerable.Range(0, replicates).Select(r => totals[(regime, r)][m]).ToArray();
                var mean = xs.Average();
                summary.Append(inv, $"synthetic,{scenario},{regime},{metrics[m].Name},{replicates},{mean},0,{mean},{mean}\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "timeseries.csv"), ts.ToString());
        File.WriteAllText(Path.Combine(dir, "runs.csv"), runs.ToString());
        File.WriteAllText(Path.Combine(dir, "summary.csv"), summary.ToString());
        File.WriteAllText(Path.Combine(dir, "manifest.json"),
            "{\"experiment\":\"synthetic\",\"regimes\":[" + string.Join(",", regimes.Select(r => "\"" + r + "\"")) + "],\"replicates\":" + replicates + "}");
        return dir;
    }
}
