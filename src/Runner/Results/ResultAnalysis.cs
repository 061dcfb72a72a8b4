using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using InfoRisk.Model.Configuration;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Results;

/// <summary>
/// The tables computed at the end of an experiment from runs.csv, read back one scenario at a time (memory does not
/// grow with the number of scenarios x replicates): summary.csv (with paired differences from the baseline),
/// scenarios.csv, and when they apply ablation.csv, sensitivity.csv and robustness.csv. docs/outputs.md defines them.
/// </summary>
public static class ResultAnalysis
{
    private static readonly string[] SummaryColumns = ["experiment", "scenario", "regime", "metric", "n", "mean", "sd", "ci95_low", "ci95_high", "baseline", "diff_mean", "diff_sd", "diff_ci95_low", "diff_ci95_high"];
    private static readonly string[] AblationColumns = ["experiment", "base_regime", "target_regime", "lever", "base_value", "target_value", "metric", "n", "base_mean", "variant_mean", "effect_mean", "effect_ci95_low", "effect_ci95_high", "share_of_all", "design"];
    private static readonly string[] SensitivityColumns = ["method", "regime", "parameter", "metric", "index", "estimate", "ci95_low", "ci95_high"];
    private static readonly string[] ConvergenceColumns = ["regime", "parameter", "metric", "index", "base_samples", "runs_per_regime", "estimate", "ci95_low", "ci95_high"];
    private static readonly string[] RobustnessColumns = ["regime", "metric", "direction", "scenarios", "best_count", "best_share", "max_regret", "mean_regret"];

    /// <summary>The metrics of robustness.csv and which direction is better. Transfers with no agreed direction (compensation, punitive damages) and records_collected are left out.</summary>
    public static readonly (MetricDefinition Metric, bool LowerIsBetter)[] RobustnessMetrics =
    [
        (Metric.HarmTotalYuan, true), (Metric.SocialWelfareYuan, false), (Metric.SocialCostYuan, true), (Metric.ServiceValueYuan, false),
        (Metric.UncompensatedHarmYuan, true), (Metric.PrivacyIntrusions, true), (Metric.SubjectsReidentified, true), (Metric.RecordsExposed, true),
        (Metric.ModelQuality, false), (Metric.UserTrust, false), (Metric.ProviderProfitYuan, false),
    ];

    public static void Write(Experiment experiment, string directory)
    {
        var regimes = experiment.Regimes.Select(r => r.Name).ToList();
        var regimeIndex = regimes.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i);
        var scenarios = experiment.Scenarios.Count;
        var robustness = scenarios >= 2 ? new double[RobustnessMetrics.Length, scenarios, regimes.Count] : null;
        var robustnessIndex = RobustnessMetrics.Select(m => m.Metric.Index).ToArray();
        var sensitivityMetrics = experiment.Sensitivity?.Metrics.Select(Metric.IndexOf).ToArray() ?? [];
        var sensitivity = experiment.Sensitivity is null ? null : new double[sensitivityMetrics.Length, regimes.Count, scenarios];
        List<double[]>[]? ablationRuns = null;

        using (var summaryStream = new StreamWriter(Path.Combine(directory, "summary.csv"), false, new UTF8Encoding(false)))
        using (var summary = new CsvWriter(summaryStream, ResultWriter.Csv))
        {
            foreach (var h in SummaryColumns) summary.WriteField(h);
            summary.NextRecord();
            foreach (var (scenario, runs) in ReadScenarios(Path.Combine(directory, "runs.csv"), regimeIndex))
            {
                WriteSummary(summary, experiment, scenario, regimes, runs);
                for (var q = 0; q < regimes.Count; q++)
                {
                    if (runs[q].Count == 0) continue;
                    if (robustness is not null)
                    {
                        for (var k = 0; k < robustnessIndex.Length; k++) robustness[k, scenario, q] = runs[q].Average(r => r[robustnessIndex[k]]);
                    }
                    if (sensitivity is not null)
                    {
                        for (var k = 0; k < sensitivityMetrics.Length; k++) sensitivity[k, q, scenario] = runs[q].Average(r => r[sensitivityMetrics[k]]);
                    }
                }
                if (scenario == 0 && experiment.Ablation is not null) ablationRuns = runs;
            }
        }
        RareEvents.Write(Path.Combine(directory, "rare_events.csv"), experiment.Name, regimes, experiment.Baseline, experiment.Ticks - experiment.WarmupTicks,
            ReadScenarios(Path.Combine(directory, "runs.csv"), regimeIndex));
        if (File.Exists(Path.Combine(directory, "timeseries.csv")))
            SteadyState.Write(Path.Combine(directory, "timeseries.csv"), Path.Combine(directory, "steady_state.csv"), experiment.Name, regimes, experiment.Ticks, experiment.WarmupTicks);
        WriteScenarios(experiment, directory);
        if (experiment.Ablation is { } ablation && ablationRuns is not null) WriteAblation(experiment, ablation, regimeIndex, ablationRuns, directory);
        if (experiment.Sensitivity is { } s && sensitivity is not null) WriteSensitivity(s, regimes, sensitivity, directory);
        if (robustness is not null) WriteRobustness(regimes, robustness, directory);
    }

    /// <summary>runs.csv back, one scenario at a time: per regime (experiment order), the run totals of each replicate in order, as doubles in the metric's unit.</summary>
    private static IEnumerable<(int Scenario, List<double[]>[] Runs)> ReadScenarios(string runsPath, Dictionary<string, int> regimeIndex)
    {
        // the one strict CSV reader (a damaged runs.csv in a resumed folder is refused with file and line)
        using var csv = Plotting.CsvTable.Open(runsPath);
        var first = csv.IndexOf(Metric.All[0].Name);
        if (first < 0) throw new InvalidDataException($"{runsPath}: no column {Metric.All[0].Name}: not a runs.csv of this version");
        var current = -1;
        List<double[]>[]? runs = null;
        while (csv.Read())
        {
            var scenario = (int)csv.Number(1);
            if (scenario != current)
            {
                if (runs is not null) yield return (current, runs);
                current = scenario;
                runs = [.. regimeIndex.Select(_ => new List<double[]>())];
            }
            var values = new double[Metric.Count];
            for (var m = 0; m < Metric.Count; m++) values[m] = csv.Number(first + m);
            runs![regimeIndex[csv[2]]].Add(values);
        }
        if (runs is not null) yield return (current, runs);
    }

    private static void WriteSummary(CsvWriter csv, Experiment experiment, int scenario, List<string> regimes, List<double[]>[] runs)
    {
        var baseline = regimes.IndexOf(experiment.Baseline);
        for (var q = 0; q < regimes.Count; q++)
        {
            if (runs[q].Count == 0) continue;
            for (var m = 0; m < Metric.Count; m++)
            {
                var values = runs[q].Select(r => r[m]).ToArray();
                var s = Describe(values);
                csv.WriteField(experiment.Name);
                csv.WriteField(scenario);
                csv.WriteField(regimes[q]);
                csv.WriteField(Metric.All[m].Name);
                csv.WriteField(values.Length);
                csv.WriteField(Number(s.Mean));
                csv.WriteField(Number(s.Sd));
                csv.WriteField(Number(s.Low));
                csv.WriteField(Number(s.High));
                csv.WriteField(experiment.Baseline);
                if (q == baseline)
                {
                    csv.WriteField("0");
                    csv.WriteField("");
                    csv.WriteField("");
                    csv.WriteField("");
                }
                else
                {
                    var d = Paired(values, [.. runs[baseline].Select(r => r[m])]);
                    csv.WriteField(Number(d.Mean));
                    csv.WriteField(Number(d.Sd));
                    csv.WriteField(Number(d.Ci95Low));
                    csv.WriteField(Number(d.Ci95High));
                }
                csv.NextRecord();
            }
        }
    }

    /// <summary>scenarios.csv: one row per scenario with the value of every swept parameter or lever actually used.</summary>
    private static void WriteScenarios(Experiment experiment, string directory)
    {
        using var stream = new StreamWriter(Path.Combine(directory, "scenarios.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        csv.WriteField("scenario");
        foreach (var c in experiment.SweptParameters) csv.WriteField(c);
        csv.NextRecord();
        foreach (var scenario in experiment.Scenarios)
        {
            csv.WriteField(scenario.Index);
            var parameters = JsonSerializer.SerializeToNode(scenario.Parameters, ModelJson.Options)!.AsObject();
            var regime = Experiment.RegimeIn(scenario, experiment.Regimes[0]);
            foreach (var c in experiment.SweptParameters)
            {
                if (c.StartsWith("param_", StringComparison.Ordinal)) csv.WriteField(parameters[c["param_".Length..]]?.ToJsonString() ?? "");
                else csv.WriteField(RegimeCatalog.LeverValue(regime, c["lever_".Length..]));
            }
            csv.NextRecord();
        }
    }

    private static void WriteAblation(Experiment experiment, Ablation ablation, Dictionary<string, int> regimeIndex, List<double[]>[] runs, string directory)
    {
        using var stream = new StreamWriter(Path.Combine(directory, "ablation.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in AblationColumns) csv.WriteField(h);
        csv.NextRecord();
        var baseRuns = runs[regimeIndex[ablation.Base.Name]];
        var allRuns = runs[regimeIndex[Ablation.VariantName(ablation.Base.Name, Ablation.AllLevers)]];
        var allEffect = new double[Metric.Count];
        for (var m = 0; m < Metric.Count; m++) allEffect[m] = Paired([.. allRuns.Select(r => r[m])], [.. baseRuns.Select(r => r[m])]).Mean;
        // add rows: variant base+lever against the base; the all row is written whatever the design (share_of_all's reference)
        var rows = new List<(string Lever, string Design, List<double[]> Variant, List<double[]> Reference)>();
        IEnumerable<string> added = ablation.Adds ? ablation.Levers : [];
        foreach (var lever in added.Append(Ablation.AllLevers))
            rows.Add((lever, Ablation.Add, runs[regimeIndex[Ablation.VariantName(ablation.Base.Name, lever)]], baseRuns));
        // remove rows (leave one out): the target against the variant target-lever, so the effect is what the lever adds given all the others
        if (ablation.Removes)
        {
            var targetRuns = runs[regimeIndex[ablation.Target.Name]];
            foreach (var lever in ablation.Levers)
                rows.Add((lever, Ablation.Remove, targetRuns, runs[regimeIndex[Ablation.RemovedName(ablation.Target.Name, lever)]]));
        }
        foreach (var (lever, design, variant, reference) in rows)
        {
            for (var m = 0; m < Metric.Count; m++)
            {
                var v = variant.Select(r => r[m]).ToArray();
                var b = reference.Select(r => r[m]).ToArray();
                var d = Paired(v, b);
                csv.WriteField(experiment.Name);
                csv.WriteField(ablation.Base.Name);
                csv.WriteField(ablation.Target.Name);
                csv.WriteField(lever);
                csv.WriteField(lever == Ablation.AllLevers ? "" : RegimeCatalog.LeverValue(ablation.Base, lever));
                csv.WriteField(lever == Ablation.AllLevers ? "" : RegimeCatalog.LeverValue(ablation.Target, lever));
                csv.WriteField(Metric.All[m].Name);
                csv.WriteField(v.Length);
                csv.WriteField(Number(b.Average()));
                csv.WriteField(Number(v.Average()));
                csv.WriteField(Number(d.Mean));
                csv.WriteField(Number(d.Ci95Low));
                csv.WriteField(Number(d.Ci95High));
                csv.WriteField(allEffect[m] == 0 ? "" : Number(d.Mean / allEffect[m]));
                csv.WriteField(design);
                csv.NextRecord();
            }
        }
    }

    private static void WriteSensitivity(Sensitivity sensitivity, List<string> regimes, double[,,] means, string directory)
    {
        using var stream = new StreamWriter(Path.Combine(directory, "sensitivity.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in SensitivityColumns) csv.WriteField(h);
        csv.NextRecord();
        for (var q = 0; q < regimes.Count; q++)
        {
            for (var k = 0; k < sensitivity.Metrics.Count; k++)
            {
                var outputs = Outputs(means, k, q);
                foreach (var e in sensitivity.Estimate(outputs))
                {
                    csv.WriteField(sensitivity.Method);
                    csv.WriteField(regimes[q]);
                    csv.WriteField(e.Parameter);
                    csv.WriteField(sensitivity.Metrics[k]);
                    csv.WriteField(e.Index);
                    csv.WriteField(Number(e.Estimate));
                    csv.WriteField(Number(e.Ci95Low));
                    csv.WriteField(Number(e.Ci95High));
                    csv.NextRecord();
                }
            }
        }
        if (sensitivity.Convergence is not null) WriteConvergence(sensitivity, regimes, means, directory);
    }

    /// <summary>sensitivity_convergence.csv (Sobol only): the indices at growing base sample sizes, from the same runs.</summary>
    private static void WriteConvergence(Sensitivity sensitivity, List<string> regimes, double[,,] means, string directory)
    {
        using var stream = new StreamWriter(Path.Combine(directory, "sensitivity_convergence.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in ConvergenceColumns) csv.WriteField(h);
        csv.NextRecord();
        var blocks = sensitivity.Parameters.Count + 2;
        for (var q = 0; q < regimes.Count; q++)
        {
            for (var k = 0; k < sensitivity.Metrics.Count; k++)
            {
                var outputs = Outputs(means, k, q);
                foreach (var r in sensitivity.Converge(outputs))
                {
                    csv.WriteField(regimes[q]);
                    csv.WriteField(r.Parameter);
                    csv.WriteField(sensitivity.Metrics[k]);
                    csv.WriteField(r.Index);
                    csv.WriteField(r.BaseSamples);
                    csv.WriteField(r.BaseSamples * blocks);
                    csv.WriteField(Number(r.Estimate));
                    csv.WriteField(Number(r.Ci95Low));
                    csv.WriteField(Number(r.Ci95High));
                    csv.NextRecord();
                }
            }
        }
    }

    /// <summary>The design's outputs for one metric and regime: the replicate-mean run value at each point.</summary>
    private static double[] Outputs(double[,,] means, int metric, int regime)
    {
        var outputs = new double[means.GetLength(2)];
        for (var p = 0; p < outputs.Length; p++) outputs[p] = means[metric, regime, p];
        return outputs;
    }

    private static void WriteRobustness(List<string> regimes, double[,,] means, string directory)
    {
        using var stream = new StreamWriter(Path.Combine(directory, "robustness.csv"), false, new UTF8Encoding(false));
        using var csv = new CsvWriter(stream, ResultWriter.Csv);
        foreach (var h in RobustnessColumns) csv.WriteField(h);
        csv.NextRecord();
        var scenarios = means.GetLength(1);
        for (var k = 0; k < RobustnessMetrics.Length; k++)
        {
            var table = new double[scenarios, regimes.Count];
            for (var s = 0; s < scenarios; s++)
            {
                for (var q = 0; q < regimes.Count; q++) table[s, q] = means[k, s, q];
            }
            var (metric, lower) = RobustnessMetrics[k];
            foreach (var row in Robustness.Compute(regimes, table, lower))
            {
                csv.WriteField(row.Regime);
                csv.WriteField(metric.Name);
                csv.WriteField(lower ? "lower" : "higher");
                csv.WriteField(row.Scenarios);
                csv.WriteField(row.BestCount);
                csv.WriteField(Number(row.BestShare));
                csv.WriteField(Number(row.MaxRegret));
                csv.WriteField(Number(row.MeanRegret));
                csv.NextRecord();
            }
        }
    }

    /// <summary>Treatment minus baseline, paired by replicate; with one replicate only the mean is defined.</summary>
    private static PairedDifference Paired(double[] treatment, double[] baseline) => PairedComparison.Of(treatment, baseline);

    /// <summary>Mean, sample sd and the t-based 95% CI of the mean; with one value the sd and CI are undefined (empty).</summary>
    public static (double Mean, double Sd, double Low, double High) Describe(IReadOnlyList<double> values)
    {
        var m = MeanInterval.Of(values);
        return (m.Mean, m.Sd, m.Ci95Low, m.Ci95High);
    }

    internal static string Number(double v) => !double.IsFinite(v) ? "" : v == 0 ? "0" : v.ToString("R", CultureInfo.InvariantCulture);
}
