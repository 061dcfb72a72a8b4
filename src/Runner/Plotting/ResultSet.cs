using System.Globalization;
using System.Text.Json;
using InfoRisk.Model.Metrics;
using InfoRisk.Runner.Experiments;

namespace InfoRisk.Runner.Plotting;

/// <summary>One replicate's totals (flows) and final values (stocks) from runs.csv.</summary>
public sealed record RunRow(string Scenario, string Regime, int Replicate, IReadOnlyDictionary<string, double> Values)
{
    public double this[string metric] => Values.TryGetValue(metric, out var v) ? v : double.NaN;

    public double this[MetricDefinition metric] => this[metric.Name];
}

/// <summary>One replicate's per-tick values of the plotted metrics, sorted by tick.</summary>
public sealed record ReplicateSeries(string Scenario, string Regime, int Replicate, double[] Ticks, IReadOnlyDictionary<string, double[]> Values);

/// <summary>The parts of a result folder that the charts use: runs.csv, timeseries.csv and manifest.json.</summary>
public sealed class ResultSet
{
    /// <summary>Metrics read per tick from timeseries.csv (the time courses).</summary>
    public static readonly IReadOnlyList<MetricDefinition> SeriesMetrics = ScenarioView.Timecourse.Select(t => t.Metric).ToList();

    /// <summary>Metrics read per replicate from runs.csv: the key metrics and what the per-scenario charts draw.</summary>
    public static readonly IReadOnlyList<MetricDefinition> RunMetrics = KeyMetrics.All.Concat(ScenarioView.RunMetrics).Distinct().ToList();

    private ResultSet(string experiment, IReadOnlyList<string> scenarios, IReadOnlyList<string> regimes, IReadOnlyList<RunRow> runs, IReadOnlyList<ReplicateSeries> series)
    {
        Experiment = experiment;
        Scenarios = scenarios;
        Regimes = regimes;
        Runs = runs;
        Series = series;
        ChartRegimes = regimes;
    }

    /// <summary>
    /// Regimes drawn in the per-scenario charts: every regime except ablation variants (<c>&lt;base&gt;+&lt;lever&gt;</c>
    /// and <c>&lt;target&gt;-&lt;lever&gt;</c> regimes named in ablation.csv), which the ablation chart summarises.
    /// </summary>
    public IReadOnlyList<string> ChartRegimes { get; private set; }

    /// <summary>summary.csv rows (empty when the file is absent).</summary>
    public IReadOnlyList<SummaryRow> Summary { get; private set; } = [];

    /// <summary>Swept columns (<c>param_*</c>, <c>lever_*</c>) in order: from scenarios.csv, else the runs.csv columns that vary between scenarios.</summary>
    public IReadOnlyList<string> SweptColumns { get; private set; } = [];

    /// <summary>Value of each swept column per scenario, as written in the file.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> ScenarioValues { get; private set; } = new Dictionary<string, Dictionary<string, string>>();

    /// <summary>The sweep design from manifest.json ("none", "grid", "lhs"), or null when the manifest does not say.</summary>
    public string? SweepDesign { get; private set; }

    public IReadOnlyList<AblationRow> Ablation { get; private set; } = [];

    public IReadOnlyList<SensitivityRow> Sensitivity { get; private set; } = [];

    public IReadOnlyList<RobustnessRow> Robustness { get; private set; } = [];

    public IReadOnlyList<ConvergenceRow> Convergence { get; private set; } = [];

    /// <summary>Every text drawn from the data that is not a fixed label: parameter and lever names (for the glyph check).</summary>
    public IEnumerable<string> DataTexts =>
        SweptColumns.Concat(Ablation.Select(a => a.Lever)).Concat(Sensitivity.Select(s => s.Parameter)).Distinct(StringComparer.Ordinal);

    public string Experiment { get; }

    /// <summary>Scenarios in order of first appearance in runs.csv.</summary>
    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>Regimes in report order: manifest order first, then any others in order of appearance.</summary>
    public IReadOnlyList<string> Regimes { get; }

    public IReadOnlyList<RunRow> Runs { get; }

    public IReadOnlyList<ReplicateSeries> Series { get; }

    /// <summary>Reads a result folder. Throws <see cref="FileNotFoundException"/> or <see cref="InvalidDataException"/> with the file and column at fault.</summary>
    public static ResultSet Load(string resultsDir)
    {
        var (manifestExperiment, manifestRegimes, sweepDesign) = ReadManifest(Path.Combine(resultsDir, "manifest.json"));
        var runs = ReadRuns(Path.Combine(resultsDir, "runs.csv"), out var csvExperiment, out var runParameters, out var runLines, out var ticks);
        // time courses are drawn for the first scenarios only (ChartSet.MaxScenarioChartSets): keep only their series
        var runScenarios = runs.Select(r => r.Scenario).Distinct(StringComparer.Ordinal).ToList();
        var charted = runScenarios.Count <= ChartSet.MaxScenarioChartSets ? null : runScenarios.Take(1).ToHashSet(StringComparer.Ordinal);
        var series = ReadSeries(Path.Combine(resultsDir, "timeseries.csv"), charted, out var seriesRuns);
        ResultChecks.SameRuns(runLines, seriesRuns, ticks);

        var scenarios = runs.Select(r => r.Scenario).Concat(series.Select(s => s.Scenario)).Distinct(StringComparer.Ordinal).ToList();
        var present = runs.Select(r => r.Regime).Concat(series.Select(s => s.Regime)).Distinct(StringComparer.Ordinal).ToList();
        var regimes = manifestRegimes.Where(present.Contains).Concat(present.Where(r => !manifestRegimes.Contains(r))).Distinct(StringComparer.Ordinal).ToList();
        if (regimes.Count == 0)
        {
            throw new InvalidDataException($"no runs in '{resultsDir}': runs.csv and timeseries.csv have no data rows");
        }

        var set = new ResultSet(manifestExperiment ?? csvExperiment ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(resultsDir)), scenarios, regimes, runs, series)
        {
            SweepDesign = sweepDesign,
            Summary = DesignResults.ReadSummary(resultsDir),
            Ablation = DesignResults.ReadAblation(resultsDir),
            Sensitivity = DesignResults.ReadSensitivity(resultsDir),
            Robustness = DesignResults.ReadRobustness(resultsDir),
            Convergence = DesignResults.ReadConvergence(resultsDir),
        };

        var variants = set.Ablation.Select(a => a.VariantRegime).ToHashSet(StringComparer.Ordinal);
        set.ChartRegimes = regimes.Where(r => !variants.Contains(r)).ToList();

        if (DesignResults.ReadScenarios(resultsDir) is { } fromFile)
        {
            set.ScenarioValues = fromFile.Values;
            set.SweptColumns = fromFile.Columns;
        }
        else
        {
            // no scenarios.csv (older result folders): the param_/lever_ columns of runs.csv that differ between scenarios
            set.ScenarioValues = runParameters;
            set.SweptColumns = runParameters.Count < 2
                ? []
                : runParameters.First().Value.Keys
                    .Where(c => runParameters.Values.Select(v => v.GetValueOrDefault(c, string.Empty)).Distinct(StringComparer.Ordinal).Count() > 1)
                    .ToList();
        }

        return set;
    }

    private static (string? Experiment, List<string> Regimes, string? SweepDesign) ReadManifest(string path)
    {
        var regimes = new List<string>();
        if (!File.Exists(path))
        {
            return (null, regimes, null);
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            string? experiment = null;
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, regimes, null);
            }

            string? design = null;
            if (doc.RootElement.TryGetProperty("sweep", out var sweep) && sweep.ValueKind == JsonValueKind.Object
                && sweep.TryGetProperty("design", out var d) && d.ValueKind == JsonValueKind.String)
            {
                design = d.GetString();
            }

            if (doc.RootElement.TryGetProperty("experiment", out var e) && e.ValueKind == JsonValueKind.String)
            {
                experiment = e.GetString();
            }

            if (doc.RootElement.TryGetProperty("regimes", out var rs) && rs.ValueKind == JsonValueKind.Array)
            {
                foreach (var r in rs.EnumerateArray())
                {
                    // accept ["a", "b"] and [{"name": "a"}, ...]
                    var name = r.ValueKind == JsonValueKind.String ? r.GetString()
                        : r.ValueKind == JsonValueKind.Object && r.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()
                        : null;
                    if (!string.IsNullOrEmpty(name))
                    {
                        regimes.Add(name);
                    }
                }
            }

            return (experiment, regimes, design);
        }
        catch (JsonException)
        {
            return (null, regimes, null); // the manifest only orders regimes; the CSVs are the data
        }
    }

    private static int Column(CsvTable csv, string name)
    {
        var index = csv.IndexOf(name);
        return index >= 0 || name == "experiment" ? index : throw new InvalidDataException($"{Path.GetFileName(csv.Path)} has no column '{name}'");
    }

    private static List<RunRow> ReadRuns(string path, out string? experiment, out Dictionary<string, Dictionary<string, string>> parameters,
        out Dictionary<(string, string, int), long> lines, out int? ticks)
    {
        experiment = null;
        ticks = null;
        parameters = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        lines = [];
        using var csv = CsvTable.Open(path);
        var ticksCol = csv.IndexOf("ticks");
        var expCol = Column(csv, "experiment");
        var scenarioCol = Column(csv, "scenario");
        var regimeCol = Column(csv, "regime");
        var replicateCol = Column(csv, "replicate");
        var metricCols = RunMetrics.Select(m => (m.Name, Column(csv, m.Name))).ToArray();
        var parameterCols = Enumerable.Range(0, csv.Headers.Count)
            .Where(i => csv.Headers[i].StartsWith("param_", StringComparison.Ordinal) || csv.Headers[i].StartsWith("lever_", StringComparison.Ordinal))
            .ToArray();
        var rows = new List<RunRow>();
        while (csv.Read())
        {
            if (experiment is null && expCol >= 0)
            {
                experiment = csv[expCol];
            }

            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, col) in metricCols)
            {
                values[name] = csv.Number(col);
            }

            if (ticksCol >= 0)
            {
                var runTicks = (int)csv.Number(ticksCol);
                if (ticks is { } t && t != runTicks)
                {
                    throw new InvalidDataException($"{csv.Name} line {csv.Line}: ticks {runTicks}, but the runs before have {t}: the runs of one result folder have the same length");
                }

                ticks = runTicks;
            }

            var scenario = csv[scenarioCol];
            if (!parameters.ContainsKey(scenario))
            {
                // model parameters are the same for every run of a scenario; levers too, for its first regime
                parameters[scenario] = parameterCols.ToDictionary(i => csv.Headers[i], i => csv[i], StringComparer.Ordinal);
            }

            var row = new RunRow(scenario, csv[regimeCol], (int)csv.Number(replicateCol), values);
            if (!lines.TryAdd((row.Scenario, row.Regime, row.Replicate), csv.Line))
            {
                throw new InvalidDataException($"{csv.Name} line {csv.Line}: run (scenario {row.Scenario}, regime {row.Regime}, replicate {row.Replicate}) is listed twice (first on line {lines[(row.Scenario, row.Regime, row.Replicate)]})");
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<ReplicateSeries> ReadSeries(string path, HashSet<string>? keep, out Dictionary<(string, string, int), (long FirstLine, int Rows)> runs)
    {
        runs = [];
        using var csv = CsvTable.Open(path);
        var scenarioCol = Column(csv, "scenario");
        var regimeCol = Column(csv, "regime");
        var replicateCol = Column(csv, "replicate");
        var tickCol = Column(csv, "tick");
        var metricCols = SeriesMetrics.Select(m => Column(csv, m.Name)).ToArray();
        var groups = new Dictionary<(string, string, int), List<(double Tick, double[] Values)>>();
        var order = new List<(string, string, int)>();
        while (csv.Read())
        {
            var key = (csv[scenarioCol], csv[regimeCol], (int)csv.Number(replicateCol));
            runs[key] = runs.TryGetValue(key, out var seen) ? (seen.FirstLine, seen.Rows + 1) : (csv.Line, 1);
            if (keep is not null && !keep.Contains(key.Item1))
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var list))
            {
                list = [];
                groups[key] = list;
                order.Add(key);
            }

            var values = new double[metricCols.Length];
            for (var i = 0; i < metricCols.Length; i++)
            {
                values[i] = csv.Number(metricCols[i]);
            }

            list.Add((csv.Number(tickCol), values));
        }

        var result = new List<ReplicateSeries>(order.Count);
        foreach (var key in order)
        {
            var rows = groups[key].OrderBy(r => r.Tick).ToList();
            ResultChecks.TicksInOrder(key, rows.Select(r => r.Tick), runs[key].FirstLine);
            var values = new Dictionary<string, double[]>(StringComparer.Ordinal);
            for (var i = 0; i < SeriesMetrics.Count; i++)
            {
                values[SeriesMetrics[i].Name] = rows.Select(r => r.Values[i]).ToArray();
            }

            result.Add(new ReplicateSeries(key.Item1, key.Item2, key.Item3, rows.Select(r => r.Tick).ToArray(), values));
        }

        return result;
    }
}
