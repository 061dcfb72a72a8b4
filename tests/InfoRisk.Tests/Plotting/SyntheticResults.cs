using System.Globalization;
using System.Text;
using InfoRisk.Model.Metrics;

namespace InfoRisk.Tests.Plotting;

/// <summary>Writes a small, plausible result folder (timeseries.csv, runs.csv, summary.csv, manifest.json) without running the simulation.</summary>
internal static class SyntheticResults
{
    public static string Create(string[]? regimes = null, int replicates = 3, int ticks = 20, string scenario = "baseline", double subjectsParameter = 10000, string? dir = null)
    {
        regimes ??= ["protection-first", "use-first"];
        dir ??= Path.Combine(Path.GetTempPath(), "inforisk-plot-" + Guid.NewGuid().ToString("N")[..10]);
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
                var level = (1.0 + g * 0.8) * subjectsParameter / 10000; // later regimes and larger populations: more use, more harm
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
                    v[Metric.SocialCostYuan] = v[Metric.HarmTotalYuan] + Math.Round(Noise(20_000 * level), 2);
                    v[Metric.SocialWelfareYuan] = v[Metric.ServiceValueYuan] - v[Metric.SocialCostYuan];
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
                runs.Append(inv, $"synthetic,{scenario},{regimes[g]},{rep},{seed},{subjectsParameter.ToString("R", inv)},0.5,");
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

    /// <summary>Regimes of <see cref="CreateDesign"/>: the four built-ins and a custom one, then the ablation variants of use-first.</summary>
    public static readonly string[] DesignRegimes =
    [
        "protection-first", "use-first", "dynamic-balance", "precautionary", "my-custom",
        "use-first+consent_general", "use-first+liability_sensitive", "use-first+punitive_multiplier", "use-first+all",
    ];

    /// <summary>Levers of the synthetic ablation block, in block order (<c>all</c> last, as contracts.md requires).</summary>
    public static readonly string[] AblationLevers = ["consent_general", "liability_sensitive", "punitive_multiplier", "all"];

    /// <summary>
    /// Rewrites ablation.csv of a <see cref="CreateDesign"/> folder in the newer format: the <c>design</c> column appended,
    /// and a remove (leave-one-out) row per lever and metric after the add rows, with an effect unlike the add effect.
    /// </summary>
    public static void AddLeaveOneOut(string dir)
    {
        var inv = CultureInfo.InvariantCulture;
        var path = Path.Combine(dir, "ablation.csv");
        var lines = File.ReadAllLines(path);
        var text = new StringBuilder(lines[0] + ",design\n");
        foreach (var line in lines.Skip(1))
        {
            text.Append(line).Append(",add\n");
        }

        for (var l = 0; l < AblationLevers.Length - 1; l++)
        {
            for (var m = 0; m < Metric.All.Length; m++)
            {
                var all = -30000.0 - 100 * m;
                var effect = all * (0.2 + 0.3 * l);
                text.Append(inv, $"synthetic,use-first,protection-first,{AblationLevers[l]},a,b,{Metric.All[m].Name},3,{(100000 - effect).ToString("R", inv)},100000,{effect.ToString("R", inv)},{(effect - 4000).ToString("R", inv)},{(effect + 4000).ToString("R", inv)},{(effect / all).ToString("R", inv)},remove\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Uncertain parameters of the synthetic sensitivity block.</summary>
    public static readonly string[] SensitivityParameters = ["breach_hazard", "memorization_rate", "hallucination_rate"];

    /// <summary>
    /// A result folder with a sweep over <c>param_subjects</c> (and <c>lever_fine_cap</c>) and every optional file of
    /// contracts.md: summary.csv with diff_* columns, scenarios.csv, ablation.csv, sensitivity.csv, robustness.csv.
    /// <paramref name="design"/> "grid" repeats x values; "lhs" gives every scenario its own value.
    /// </summary>
    public static string CreateDesign(string design = "grid", int points = 3, bool scenariosFile = true, int replicates = 3)
    {
        var inv = CultureInfo.InvariantCulture;
        var dir = Path.Combine(Path.GetTempPath(), "inforisk-plot-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var values = Enumerable.Range(0, points).Select(s => design == "lhs" ? 8000 + 4000.0 * ((s * 7 + 3) % points) / points + s : 8000 + 2000.0 * (s % 3)).ToArray();
        var scenarios = new StringBuilder("scenario,param_subjects,lever_fine_cap\n");
        for (var s = 0; s < points; s++)
        {
            var part = Create(DesignRegimes, replicates: replicates, ticks: 12, scenario: s.ToString(inv), subjectsParameter: values[s], dir: Path.Combine(dir, "part" + s));
            foreach (var file in new[] { "timeseries.csv", "runs.csv" })
            {
                var lines = File.ReadAllLines(Path.Combine(part, file));
                File.AppendAllLines(Path.Combine(dir, file), s == 0 ? lines : lines.Skip(1));
            }

            Directory.Delete(part, recursive: true);
            scenarios.Append(inv, $"{s},{values[s].ToString("R", inv)},{(s % 2 == 0 ? "0.05" : "0.1")}\n");
        }

        if (scenariosFile)
        {
            File.WriteAllText(Path.Combine(dir, "scenarios.csv"), scenarios.ToString());
        }

        // summary.csv with the paired difference from the baseline, from the runs just written
        var runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        var header = runs[0].Split(',');
        var rows = runs.Skip(1).Select(l => l.Split(',')).ToList();
        const string baseline = "dynamic-balance";
        var summary = new StringBuilder("experiment,scenario,regime,metric,n,mean,sd,ci95_low,ci95_high,baseline,diff_mean,diff_sd,diff_ci95_low,diff_ci95_high\n");
        foreach (var scenario in rows.Select(r => r[1]).Distinct())
        {
            foreach (var regime in DesignRegimes)
            {
                foreach (var metric in Metric.All)
                {
                    var col = Array.IndexOf(header, metric.Name);
                    double[] Of(string g) => rows.Where(r => r[1] == scenario && r[2] == g).OrderBy(r => int.Parse(r[3], inv)).Select(r => double.Parse(r[col], inv)).ToArray();
                    var own = Of(regime);
                    var diff = own.Zip(Of(baseline), (a, b) => a - b).ToArray();
                    var mean = own.Average();
                    var dm = diff.Average();
                    var dsd = Math.Sqrt(diff.Sum(d => (d - dm) * (d - dm)) / (diff.Length - 1));
                    var half = (diff.Length == 2 ? 12.706205 : 4.302653) * dsd / Math.Sqrt(diff.Length); // t(0.975, n - 1) for 2 or 3 replicates
                    summary.Append(inv, $"synthetic,{scenario},{regime},{metric.Name},{own.Length},{mean.ToString("R", inv)},1,{mean.ToString("R", inv)},{mean.ToString("R", inv)},{baseline},");
                    summary.Append(regime == baseline ? "0,,,\n" : $"{dm.ToString("R", inv)},{dsd.ToString("R", inv)},{(dm - half).ToString("R", inv)},{(dm + half).ToString("R", inv)}\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "summary.csv"), summary.ToString());

        var ablation = new StringBuilder("experiment,base_regime,target_regime,lever,base_value,target_value,metric,n,base_mean,variant_mean,effect_mean,effect_ci95_low,effect_ci95_high,share_of_all\n");
        for (var l = 0; l < AblationLevers.Length; l++)
        {
            for (var m = 0; m < Metric.All.Length; m++)
            {
                var metric = Metric.All[m];
                var all = -30000.0 - 100 * m;
                var effect = AblationLevers[l] == "all" ? all : all * (0.5 - 0.3 * l);
                var share = AblationLevers[l] == "all" ? 1 : effect / all;
                ablation.Append(inv, $"synthetic,use-first,protection-first,{AblationLevers[l]},a,b,{metric.Name},{replicates},100000,{(100000 + effect).ToString("R", inv)},{effect.ToString("R", inv)},{(effect - 5000).ToString("R", inv)},{(effect + 5000).ToString("R", inv)},{share.ToString("R", inv)}\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "ablation.csv"), ablation.ToString());

        var sensitivity = new StringBuilder("method,regime,parameter,metric,index,estimate,ci95_low,ci95_high\n");
        foreach (var regime in DesignRegimes.Take(4))
        {
            for (var p = 0; p < SensitivityParameters.Length; p++)
            {
                foreach (var metric in new[] { "harm_total_yuan", "social_welfare_yuan" })
                {
                    var s1 = 0.1 + 0.2 * p;
                    var st = s1 + 0.1;
                    var mu = 20000.0 * (p + 1);
                    sensitivity.Append(inv, $"sobol,{regime},{SensitivityParameters[p]},{metric},S1,{s1.ToString("R", inv)},{(s1 - 0.05).ToString("R", inv)},{(s1 + 0.05).ToString("R", inv)}\n");
                    sensitivity.Append(inv, $"sobol,{regime},{SensitivityParameters[p]},{metric},ST,{st.ToString("R", inv)},{(st - 0.05).ToString("R", inv)},{(st + 0.05).ToString("R", inv)}\n");
                    sensitivity.Append(inv, $"morris,{regime},{SensitivityParameters[p]},{metric},mu,{(-mu).ToString("R", inv)},{(-mu - 1000).ToString("R", inv)},{(-mu + 1000).ToString("R", inv)}\n");
                    sensitivity.Append(inv, $"morris,{regime},{SensitivityParameters[p]},{metric},mu_star,{mu.ToString("R", inv)},{(mu - 1000).ToString("R", inv)},{(mu + 1000).ToString("R", inv)}\n");
                    sensitivity.Append(inv, $"morris,{regime},{SensitivityParameters[p]},{metric},sigma,{(mu / 2).ToString("R", inv)},,\n");
                }
            }
        }

        File.WriteAllText(Path.Combine(dir, "sensitivity.csv"), sensitivity.ToString());

        var robustness = new StringBuilder("regime,metric,direction,scenarios,best_count,best_share,max_regret,mean_regret\n");
        string[] higher = ["social_welfare_yuan", "service_value_yuan", "model_quality", "user_trust", "provider_profit_yuan"];
        foreach (var metric in new[] { "harm_total_yuan", "social_welfare_yuan", "service_value_yuan", "uncompensated_harm_yuan" })
        {
            for (var g = 0; g < 5; g++)
            {
                var best = g == 0 ? points : 0;
                robustness.Append(inv, $"{DesignRegimes[g]},{metric},{(higher.Contains(metric) ? "higher" : "lower")},{points},{best},{((double)best / points).ToString("R", inv)},{(5000.0 * g).ToString("R", inv)},{(2500.0 * g).ToString("R", inv)}\n");
            }
        }

        File.WriteAllText(Path.Combine(dir, "robustness.csv"), robustness.ToString());

        File.WriteAllText(Path.Combine(dir, "manifest.json"),
            "{\"experiment\":\"synthetic\",\"regimes\":[\"protection-first\",\"use-first\",\"dynamic-balance\",\"precautionary\",\"my-custom\"],\"baseline\":\"dynamic-balance\","
            + $"\"scenarios\":{points},\"swept_parameters\":[\"param_subjects\",\"lever_fine_cap\"],\"sweep\":{{\"design\":\"{design}\",\"points\":{points}}},\"replicates\":{replicates}}}");
        return dir;
    }
}
