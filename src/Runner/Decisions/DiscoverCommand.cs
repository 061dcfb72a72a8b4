using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Analysis;
using InfoRisk.Runner.Commands;
using InfoRisk.Runner.Experiments;
using InfoRisk.Runner.Plotting;
using InfoRisk.Runner.Results;

namespace InfoRisk.Runner.Decisions;

/// <summary>Settings of <c>inforisk discover</c>.</summary>
public sealed record DiscoverOptions
{
    public required string Results { get; init; }
    public required string Metric { get; init; }
    /// <summary>"A:B": the cases of interest are the scenarios where A's paired advantage over B is at most the threshold.</summary>
    public string? Compare { get; init; }
    public double? Threshold { get; init; }
    /// <summary>Without --compare: the regime whose scenario means are tested against the threshold (default: the first regime).</summary>
    public string? Regime { get; init; }
    /// <summary>"lower" or "higher": which direction of the metric is better (default: from the robustness table, else lower).</summary>
    public string? Better { get; init; }
    public string? Out { get; init; }
    public double Alpha { get; init; } = 0.05;
    public double MinMass { get; init; } = 0.05;
    public double TargetDensity { get; init; } = 0.8;
    public int Bootstrap { get; init; } = 50;
    public bool NoPlots { get; init; }
    public bool Quiet { get; init; }
}

/// <summary>
/// Scenario discovery on a result folder (issue 14): PRIM over the swept inputs (the <c>param_</c> and <c>lever_</c>
/// columns that vary between scenarios) with, by default, the scenarios where one regime's paired advantage over
/// another vanishes or reverses as the cases of interest. Writes <c>discovery/</c> atomically: boxes.csv,
/// trajectory.csv, scenarios.csv, discovery.json and the trade-off and box-limits charts in English and Chinese.
/// </summary>
public static class DiscoverCommand
{
    public static readonly string[] TrajectoryColumns = ["step", "coverage", "density", "mass", "count", "restricted_dimensions", "pasted", "chosen"];
    public static readonly string[] BoxColumns = ["step", "coverage", "density", "mass", "count", "dimension", "kind", "restricted", "low", "high", "categories", "full_low", "full_high", "full_categories", "quasi_p", "bootstrap_share"];

    public static Task<int> ExecuteAsync(DiscoverOptions options, TextWriter output, TextWriter error)
    {
        DiscoveryData data;
        try
        {
            data = Read(options);
        }
        catch (DiscoverInputException e)
        {
            error.WriteLine($"error: {e.Message}. Nothing was written.");
            return Task.FromResult(ExitCodes.BadInput);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or DirectoryNotFoundException)
        {
            error.WriteLine($"error: {e.Message}. Nothing was written.");
            return Task.FromResult(ExitCodes.BadInput);
        }

        var prim = new PrimOptions(Alpha: options.Alpha, MinMass: options.MinMass, TargetDensity: options.TargetDensity, Bootstrap: options.Bootstrap, Seed: 1);
        try
        {
            prim.Validate();
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"error: {e.Message}. Nothing was written.");
            return Task.FromResult(ExitCodes.BadInput);
        }
        var result = ScenarioDiscovery.Prim(data.Inputs, data.Points, data.Interest, prim);
        var target = options.Out ?? Path.Combine(options.Results, "discovery");
        string written;
        try
        {
            written = OutputFolder.Write(target, replace: options.Out is null, dir => WriteAll(dir, data, result, options, error));
        }
        catch (ResultFolderException e)
        {
            error.WriteLine($"error: {e.Message}. Nothing was written.");
            return Task.FromResult(ExitCodes.BadInput);
        }
        if (!options.Quiet)
        {
            var box = result.Trajectory[result.Chosen];
            output.WriteLine($"{data.Cases} of {data.Points.Count} scenarios are of interest ({data.Description})");
            output.WriteLine($"chosen box (step {box.Step}): coverage {box.Coverage:0.000}, density {box.Density:0.000}, mass {box.Mass:0.000}, {box.Count} scenarios");
            foreach (var l in result.Limits(result.Chosen).Where(l => l.Restricted))
            {
                var range = l.Categories is null
                    ? $"{l.Low.ToString("G6", CultureInfo.InvariantCulture)} .. {l.High.ToString("G6", CultureInfo.InvariantCulture)} (of {l.FullLow.ToString("G6", CultureInfo.InvariantCulture)} .. {l.FullHigh.ToString("G6", CultureInfo.InvariantCulture)})"
                    : string.Join(", ", l.Categories);
                output.WriteLine($"  {l.Dimension}: {range}; quasi-p {l.QuasiP.ToString("0.####", CultureInfo.InvariantCulture)}, bootstrap {l.BootstrapShare.ToString("0.00", CultureInfo.InvariantCulture)}");
            }
            output.WriteLine($"written: {written}");
        }
        return Task.FromResult(ExitCodes.Ok);
    }

    /// <summary>The points (one per scenario), the inputs and the cases of interest of a result folder.</summary>
    public sealed record DiscoveryData(
        IReadOnlyList<DiscoveryInput> Inputs,
        IReadOnlyList<string> Columns,
        IReadOnlyList<string> Scenarios,
        IReadOnlyList<double[]> Points,
        IReadOnlyList<double> Outcome,
        IReadOnlyList<bool> Interest,
        string OutcomeName,
        string Description,
        double Threshold,
        bool LowerIsBetter,
        string? RegimeA,
        string? RegimeB)
    {
        public int Cases => Interest.Count(i => i);
    }

    public static DiscoveryData Read(DiscoverOptions options)
    {
        if (!Directory.Exists(options.Results)) throw new DiscoverInputException($"RESULTS {options.Results}: not a folder; give a result folder written by 'inforisk run'");
        var runsPath = Path.Combine(options.Results, "runs.csv");
        var metric = Metric.Find(options.Metric)
            ?? throw new DiscoverInputException($"--metric '{options.Metric}': not a metric; allowed: the columns of runs.csv listed in docs/outputs.md §3, e.g. {Metric.HarmTotalYuan.Name}{Suggest.DidYouMean(options.Metric, [.. Metric.All.Select(m => m.Name)])}");
        var lower = options.Better switch
        {
            null => ResultAnalysis.RobustnessMetrics.Where(m => m.Metric == metric).Select(m => (bool?)m.LowerIsBetter).FirstOrDefault() ?? true,
            "lower" => true,
            "higher" => false,
            _ => throw new DiscoverInputException($"--better '{options.Better}': allowed: lower, higher"),
        };
        string? a = null, b = null;
        if (options.Compare is { } compare)
        {
            var parts = compare.Split(':');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts[0] == parts[1])
                throw new DiscoverInputException($"--compare '{compare}': allowed: two different regimes of the result as A:B, e.g. precautionary:dynamic-balance");
            (a, b) = (parts[0], parts[1]);
        }
        else if (options.Threshold is null)
        {
            throw new DiscoverInputException("--threshold is required without --compare (the cases of interest are the scenarios whose mean of --metric is at least the threshold); or give --compare A:B");
        }

        // runs.csv: scenario, regime, replicate, the swept columns and the metric
        var values = new Dictionary<(string Scenario, string Regime, string Replicate), double>();
        var scenarioInputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var scenarios = new List<string>();
        var regimes = new List<string>();
        List<string> columns;
        using (var csv = CsvTable.Open(runsPath))
        {
            int Need(string column) => csv.IndexOf(column) is var i and >= 0 ? i : throw new DiscoverInputException($"{runsPath}: no column '{column}'; a result folder of 'inforisk run' has it");
            var (scenario, regime, replicate, m) = (Need("scenario"), Need("regime"), Need("replicate"), Need(metric.Name));
            var swept = csv.Headers.Where(h => h.StartsWith("param_", StringComparison.Ordinal) || h.StartsWith("lever_", StringComparison.Ordinal)).ToList();
            while (csv.Read())
            {
                var s = csv[scenario];
                var r = csv[regime];
                if (!scenarioInputs.ContainsKey(s))
                {
                    scenarios.Add(s);
                    scenarioInputs[s] = swept.ToDictionary(c => c, c => csv[csv.IndexOf(c)], StringComparer.Ordinal);
                }
                if (!regimes.Contains(r)) regimes.Add(r);
                values[(s, r, csv[replicate])] = csv.Number(m);
            }
            columns = [.. swept.Where(c => scenarioInputs.Values.Select(v => v[c]).Distinct(StringComparer.Ordinal).Count() > 1)];
        }
        if (scenarios.Count < 10) throw new DiscoverInputException($"{runsPath}: {scenarios.Count} scenario(s); scenario discovery needs a sweep or Latin hypercube of at least 10 scenarios");
        if (columns.Count == 0) throw new DiscoverInputException($"{runsPath}: no parameter or lever varies between scenarios; run a sweep (e.g. experiments/discovery.json) first");
        foreach (var r in new[] { a, b }.OfType<string>().Concat(options.Regime is { } one ? [one] : []))
        {
            if (!regimes.Contains(r)) throw new DiscoverInputException($"regime '{r}' is not in {runsPath}; allowed: {string.Join(", ", regimes)}{Suggest.DidYouMean(r, regimes)}");
        }

        var replicates = values.Keys.Select(k => k.Replicate).Distinct(StringComparer.Ordinal).ToList();
        var outcome = new double[scenarios.Count];
        for (var i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            if (a is not null && b is not null)
            {
                // the paired advantage of A over B per replicate (same seed in both), averaged over replicates
                var pairs = replicates.Where(r => values.ContainsKey((s, a, r)) && values.ContainsKey((s, b, r)))
                    .Select(r => lower ? values[(s, b, r)] - values[(s, a, r)] : values[(s, a, r)] - values[(s, b, r)]).ToList();
                if (pairs.Count == 0) throw new DiscoverInputException($"{runsPath}: scenario {s} has no replicate run under both {a} and {b}");
                outcome[i] = pairs.Average();
            }
            else
            {
                var regime = options.Regime ?? regimes[0];
                var runs = replicates.Where(r => values.ContainsKey((s, regime, r))).Select(r => values[(s, regime, r)]).ToList();
                if (runs.Count == 0) throw new DiscoverInputException($"{runsPath}: scenario {s} has no run under {regime}");
                outcome[i] = runs.Average();
            }
        }

        var inputs = new List<DiscoveryInput>();
        var points = scenarios.Select(_ => new double[columns.Count]).ToList();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var name = column[(column.IndexOf('_') + 1)..];
            var texts = scenarios.Select(s => scenarioInputs[s][column]).ToList();
            var numbers = texts.Select(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : double.NaN).ToList();
            if (numbers.All(double.IsFinite))
            {
                inputs.Add(new DiscoveryInput(name, numbers.Min(), numbers.Max()));
                for (var i = 0; i < scenarios.Count; i++) points[i][c] = numbers[i];
            }
            else
            {
                var categories = texts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                inputs.Add(DiscoveryInput.Categorical(name, categories));
                for (var i = 0; i < scenarios.Count; i++) points[i][c] = categories.IndexOf(texts[i]);
            }
        }

        var threshold = options.Threshold ?? 0;
        bool[] interest;
        string description, outcomeName;
        if (a is not null && b is not null)
        {
            interest = [.. outcome.Select(d => d <= threshold)];
            outcomeName = $"advantage_{metric.Name}";
            description = $"{a}'s paired advantage over {b} on {metric.Name} ({(lower ? "lower" : "higher")} is better) at most {threshold.ToString(CultureInfo.InvariantCulture)}";
        }
        else
        {
            interest = [.. outcome.Select(v => v >= threshold)];
            outcomeName = metric.Name;
            description = $"mean {metric.Name} under {options.Regime ?? regimes[0]} at least {threshold.ToString(CultureInfo.InvariantCulture)}";
        }
        if (!interest.Any(x => x)) throw new DiscoverInputException($"no scenario is of interest ({description}): nothing to discover; try another --threshold");
        return new DiscoveryData(inputs, columns, scenarios, points, outcome, interest, outcomeName, description, threshold, lower, a, b);
    }

    private static void WriteAll(string dir, DiscoveryData data, PrimResult result, DiscoverOptions options, TextWriter error)
    {
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "trajectory.csv")), ResultWriter.Csv))
        {
            foreach (var c in TrajectoryColumns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var s in result.Trajectory)
            {
                csv.WriteField(s.Step);
                csv.WriteField(N(s.Coverage));
                csv.WriteField(N(s.Density));
                csv.WriteField(N(s.Mass));
                csv.WriteField(s.Count);
                csv.WriteField(s.RestrictedDimensions);
                csv.WriteField(s.Pasted ? "true" : "false");
                csv.WriteField(s.Step == result.Trajectory[result.Chosen].Step ? "true" : "false");
                csv.NextRecord();
            }
        }
        var box = result.Trajectory[result.Chosen];
        var limits = result.Limits(result.Chosen);
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "boxes.csv")), ResultWriter.Csv))
        {
            foreach (var c in BoxColumns) csv.WriteField(c);
            csv.NextRecord();
            foreach (var l in limits)
            {
                csv.WriteField(box.Step);
                csv.WriteField(N(box.Coverage));
                csv.WriteField(N(box.Density));
                csv.WriteField(N(box.Mass));
                csv.WriteField(box.Count);
                csv.WriteField(l.Dimension);
                csv.WriteField(l.AllCategories is null ? "numeric" : "categorical");
                csv.WriteField(l.Restricted ? "true" : "false");
                csv.WriteField(N(l.Low));
                csv.WriteField(N(l.High));
                csv.WriteField(l.Categories is null ? "" : string.Join('|', l.Categories));
                csv.WriteField(N(l.FullLow));
                csv.WriteField(N(l.FullHigh));
                csv.WriteField(l.AllCategories is null ? "" : string.Join('|', l.AllCategories));
                csv.WriteField(N(l.QuasiP));
                csv.WriteField(N(l.BootstrapShare));
                csv.NextRecord();
            }
        }
        var inBox = result.InBox(result.Chosen);
        using (var csv = new CsvWriter(new StreamWriter(Path.Combine(dir, "scenarios.csv")), ResultWriter.Csv))
        {
            csv.WriteField("scenario");
            foreach (var c in data.Columns) csv.WriteField(c);
            csv.WriteField(data.OutcomeName);
            csv.WriteField("of_interest");
            csv.WriteField("in_box");
            csv.NextRecord();
            for (var i = 0; i < data.Scenarios.Count; i++)
            {
                csv.WriteField(data.Scenarios[i]);
                for (var c = 0; c < data.Columns.Count; c++)
                    csv.WriteField(data.Inputs[c].Categories is { } cats ? cats[(int)data.Points[i][c]] : N(data.Points[i][c]));
                csv.WriteField(N(data.Outcome[i]));
                csv.WriteField(data.Interest[i] ? "true" : "false");
                csv.WriteField(inBox[i] ? "true" : "false");
                csv.NextRecord();
            }
        }
        var summary = new JsonObject
        {
            ["results"] = Path.GetFullPath(options.Results),
            ["metric"] = options.Metric,
            ["compare"] = options.Compare,
            ["regime"] = options.Regime,
            ["better"] = data.LowerIsBetter ? "lower" : "higher",
            ["threshold"] = data.Threshold,
            ["cases_of_interest"] = data.Description,
            ["scenarios"] = data.Scenarios.Count,
            ["scenarios_of_interest"] = data.Cases,
            ["alpha"] = options.Alpha,
            ["min_mass"] = options.MinMass,
            ["target_density"] = options.TargetDensity,
            ["bootstrap"] = options.Bootstrap,
            ["chosen_step"] = box.Step,
        };
        File.WriteAllText(Path.Combine(dir, "discovery.json"), summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        if (options.NoPlots) return;
        var plots = Path.Combine(dir, "plots");
        foreach (var language in new[] { "en", "zh" })
        {
            var suffix = language == "en" ? "" : "_zh";
            try
            {
                var chartOptions = new ChartOptions(Language: language);
                DecisionCharts.PrimTradeoff(plots, "discovery_tradeoff" + suffix, result.Trajectory, result.Chosen, chartOptions, data.OutcomeName);
                DecisionCharts.PrimBoxLimits(plots, "discovery_box_limits" + suffix, limits, box, chartOptions);
            }
            catch (ChartFontException e) when (language != "en")
            {
                error.WriteLine($"warning: the {language} charts were skipped: {e.Message}");
            }
        }
    }

    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}

/// <summary>A refusal of the discover or attribute command's input (exit code 2).</summary>
public sealed class DiscoverInputException(string message) : Exception(message);
